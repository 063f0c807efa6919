//! What is a package's code: tests, tool configs and projects the workspace does not list are
//! not, and what they import is no use of another package's contract.

use super::CONFIG;
use crate::shared::testing::check;

/// trpc's tests import each other's test helpers through tsconfig aliases, and its root holds
/// scripts and configs: neither is a package's internals.
#[test]
fn test_helpers_and_the_monorepo_root_are_not_package_internals() {
    let checked = check(
        &[
            ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
            (
                "package.json",
                r#"{ "name": "monorepo-root", "private": true }"#,
            ),
            ("vitest.config.ts", "export default {};\n"),
            (
                "tsconfig.json",
                r#"{ "compilerOptions": { "baseUrl": ".", "paths": { "@rpc/client/*": ["packages/client/src/*"] } } }"#,
            ),
            (
                "packages/client/package.json",
                r#"{ "name": "@rpc/client", "exports": { ".": "./src/index.ts" } }"#,
            ),
            ("packages/client/src/index.ts", "export const client = 1;\n"),
            (
                "packages/client/src/__tests__/testClient.ts",
                "export const testClient = 1;\n",
            ),
            (
                "packages/server/package.json",
                r#"{ "name": "@rpc/server", "dependencies": { "@rpc/client": "workspace:*" } }"#,
            ),
            (
                "packages/server/src/index.ts",
                "import config from '../../../vitest.config';\nexport const server = config;\n",
            ),
            (
                "packages/server/src/call.test.ts",
                "import { testClient } from '@rpc/client/__tests__/testClient';\n",
            ),
            (
                "packages/server/src/helpers.ts",
                "import { testClient } from '@rpc/client/__tests__/testClient';\n",
            ),
        ],
        CONFIG,
    );
    assert!(
        checked.of("package-privacy").is_empty(),
        "{:?}",
        checked.of("package-privacy")
    );
}

/// vite's create-vite builds with a tsdown.config.ts that loads a license plugin from
/// packages/vite's folder; the same import from its source is still a violation.
#[test]
fn a_tool_config_loads_build_helpers_from_other_packages_folders() {
    let checked = check(
        &[
            ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
            (
                "packages/vite/package.json",
                r#"{ "name": "vite", "exports": { ".": "./src/index.ts" } }"#,
            ),
            ("packages/vite/src/index.ts", "export const build = 1;\n"),
            (
                "packages/vite/src/internal.ts",
                "export const secret = 1;\n",
            ),
            (
                "packages/vite/licensePlugin.ts",
                "export default function license() {}\n",
            ),
            ("packages/create/package.json", r#"{ "name": "create" }"#),
            (
                "packages/create/tsdown.config.ts",
                "import license from '../vite/licensePlugin.ts';\nexport default { plugins: [license()] };\n",
            ),
            (
                "packages/create/vitest.config.ts",
                "import { secret } from 'vite/src/internal';\nexport default { secret };\n",
            ),
            (
                "packages/create/src/index.ts",
                "import license from '../../vite/licensePlugin';\nexport const x = license;\n",
            ),
            (
                "packages/create/src/app.config.ts",
                "import { secret } from '../../vite/src/internal';\nexport const appConfig = { secret };\n",
            ),
        ],
        CONFIG,
    );
    assert_eq!(
        checked.of("package-privacy"),
        [
            "packages/create/src/app.config.ts:1 packages/create/src/app.config.ts imports packages/vite/src/internal.ts of vite through a relative path (`../../vite/src/internal`), not through the package",
            "packages/create/src/index.ts:1 packages/create/src/index.ts imports packages/vite/licensePlugin.ts of vite through a relative path (`../../vite/licensePlugin`), not through the package",
            "packages/create/vitest.config.ts:1 create imports vite but packages/create/package.json does not declare it as a dependency",
        ],
        "only the package's own tool configs are exempt, and they must declare what they import"
    );
}

/// create-vite's templates are projects of their own (each has a package.json that declares
/// vite); they are not create-vite's code.
#[test]
fn a_project_the_workspace_does_not_list_is_no_members_code() {
    let checked = check(
        &[
            ("pnpm-workspace.yaml", "packages:\n  - packages/*\n"),
            (
                "packages/vite/package.json",
                r#"{ "name": "vite", "exports": { ".": "./src/index.ts" } }"#,
            ),
            (
                "packages/vite/src/index.ts",
                "export const defineConfig = 1;\n",
            ),
            ("packages/create/package.json", r#"{ "name": "create" }"#),
            (
                "packages/create/template-react/package.json",
                r#"{ "name": "react-starter", "devDependencies": { "vite": "^8" } }"#,
            ),
            (
                "packages/create/template-react/vite.config.ts",
                "import { defineConfig } from 'vite';\nexport default defineConfig;\n",
            ),
            (
                "packages/create/src/index.ts",
                "import { defineConfig } from 'vite';\nexport const x = defineConfig;\n",
            ),
        ],
        CONFIG,
    );
    assert_eq!(
        checked.of("package-privacy"),
        [
            "packages/create/src/index.ts:1 create imports vite but packages/create/package.json does not declare it as a dependency"
        ]
    );
}

/// trpc's docs site (www) and its image service (www/og-image, a Next.js app) share the
/// schema of the image URLs; a private package that does give an entry is still a library.
#[test]
fn an_application_has_no_contract_to_go_through() {
    let checked = check(
        &[
            (
                "pnpm-workspace.yaml",
                "packages:\n  - www\n  - www/og-image\n  - packages/*\n",
            ),
            ("www/package.json", r#"{ "name": "www", "private": true }"#),
            (
                "www/og-image/package.json",
                r#"{ "name": "@www/og-image", "private": true, "scripts": { "build": "next build" } }"#,
            ),
            (
                "www/og-image/utils/params.ts",
                "export const docsParams = 1;\n",
            ),
            (
                "packages/utils/package.json",
                r#"{ "name": "@acme/utils", "private": true }"#,
            ),
            ("packages/utils/src/index.ts", "export const util = 1;\n"),
            (
                "packages/utils/src/internal.ts",
                "export const secret = 1;\n",
            ),
            (
                "www/src/pages/pricing.tsx",
                "import { docsParams } from '../../og-image/utils/params';\nimport { secret } from '../../../packages/utils/src/internal';\nimport { docsParams as p } from '@www/og-image/utils/params';\nexport const x = [docsParams, secret, p];\n",
            ),
        ],
        CONFIG,
    );
    assert_eq!(
        checked.of("package-privacy"),
        [
            "www/src/pages/pricing.tsx:2 www/src/pages/pricing.tsx imports packages/utils/src/internal.ts of @acme/utils through a relative path (`../../../packages/utils/src/internal`), not through the package",
            "www/src/pages/pricing.tsx:3 www imports @www/og-image but www/package.json does not declare it as a dependency",
        ]
    );
}
