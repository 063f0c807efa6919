-- Drives structlint's language server from a current Neovim (0.11+), headless, through the
-- cases users met: every finding twice, findings at stale places after an edit, a broken
-- config unnoticed, and a "Disable for this line" whose placeholder counted as a reason.
-- Run as: STRUCTLINT=/path/to/structlint nvim --headless -u NONE -c "luafile neovim-current.lua"
-- in a copy of the workspace tests/neovim.rs writes. Prints "OK" and exits 0, or "FAIL: ...".

local function fail(message)
  io.stdout:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function found(bufnr, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "structlint" and (code == nil or d.code == code) then
      table.insert(out, d)
    end
  end
  return out
end

local function wait_for(description, predicate)
  if not vim.wait(15000, predicate, 20) then
    fail("timed out waiting for " .. description .. ": " .. vim.inspect(vim.diagnostic.get()))
  end
end

local messages, publishes = {}, {}
local ok, err = pcall(function()
  vim.lsp.handlers["window/showMessage"] = function(_, result)
    table.insert(messages, result.message)
  end
  local publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
    table.insert(publishes, result)
    return publish(err, result, ctx, config)
  end
  vim.cmd("edit packages/a/src/index.ts")
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start({
    name = "structlint",
    cmd = { os.getenv("STRUCTLINT"), "lsp" },
    root_dir = vim.fn.getcwd(),
  }, { bufnr = buf })
  if not client_id then
    fail("the client did not start")
  end

  -- 1. Each finding once: the workspace finding (package-privacy, from the background run)
  -- and the per-file one (the team rule), in one namespace, not pushed and pulled.
  wait_for("both findings", function()
    return #found(buf, "package-privacy") > 0 and #found(buf, "no-sleep") > 0
  end)
  vim.wait(800, function() return false end, 50)
  if #found(buf) ~= 2 then
    fail("expected each finding once, got " .. vim.inspect(found(buf)))
  end

  -- 2. A line added above the import: no publish for the edited text has package-privacy on
  -- the old line, neither the immediate one nor the background run's.
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { "// a new first line" })
  local version = vim.lsp.util.buf_versions[buf]
  local function after_edit()
    local out = {}
    for _, p in ipairs(publishes) do
      if p.version == version then
        table.insert(out, p)
      end
    end
    return out
  end
  wait_for("a publish of the edited text", function() return #after_edit() > 0 end)
  vim.wait(1500, function() return false end, 50)
  for _, p in ipairs(after_edit()) do
    for _, d in ipairs(p.diagnostics) do
      if d.code == "package-privacy" and d.range.start.line ~= 1 then
        fail("package-privacy published at line " .. d.range.start.line .. ", expected 1")
      end
    end
  end
  wait_for("package-privacy after the edit", function() return #found(buf, "package-privacy") == 1 end)

  -- 3. The quick fix inserts a comment with a placeholder; the placeholder is no reason.
  local d = found(buf, "no-sleep")[1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.lnum, character = d.col } },
    context = { diagnostics = { d.user_data and d.user_data.lsp or {} } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  local applied = false
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      if action.title == "Disable no-sleep for this line" then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        applied = true
      end
    end
  end
  if not applied then
    fail("no quick fix offered: " .. vim.inspect(responses))
  end
  wait_for("the placeholder to be reported", function()
    return #found(buf, "no-sleep") == 0 and #found(buf, "suppressions") == 1
  end)
  local line = d.lnum
  local comment = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
  vim.api.nvim_buf_set_lines(buf, line, line + 1, false, { (comment:gsub("<reason>", "the polling loop needs it")) })
  wait_for("a real reason to be accepted", function() return #found(buf, "suppressions") == 0 end)

  -- 4. A broken config written on disk (Neovim on Linux watches no files for the server):
  -- shown on the TOML and in a message, and gone when the config is fixed.
  local config = vim.fn.getcwd() .. "/structlint.toml"
  local function write(text)
    local file = assert(io.open(config, "w"))
    file:write(text)
    file:close()
  end
  write('rule-files = ["rules/*.toml"]\n[rules]\npackage-privacy = "loud"\n')
  local toml = vim.uri_to_bufnr(vim.uri_from_fname(config))
  wait_for("the config error", function() return #found(toml) == 1 end)
  wait_for("the config message", function()
    for _, m in ipairs(messages) do
      if m:find("package-privacy", 1, true) then
        return true
      end
    end
    return false
  end)
  write('rule-files = ["rules/*.toml"]\n[rules]\npackage-privacy = "off"\n')
  wait_for("the config error to clear", function() return #found(toml) == 0 end)
  wait_for("the new config to apply", function() return #found(buf, "package-privacy") == 0 end)
end)

if not ok then
  fail(tostring(err))
end
io.stdout:write("OK\n")
vim.cmd("qall!")
