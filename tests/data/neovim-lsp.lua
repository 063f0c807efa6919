-- Drives structlint's language server from Neovim's built-in LSP client (headless).
-- Run as: STRUCTLINT=/path/to/structlint nvim --headless -u NONE -c "luafile neovim-lsp.lua"
-- Prints "OK" and exits 0, or prints "FAIL: ..." and exits 1.

local function fail(message)
  io.stdout:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function structlint_diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.source == "structlint" then
      table.insert(found, d)
    end
  end
  return found
end

local function wait_for(description, predicate)
  if not vim.wait(15000, predicate, 50) then
    fail("timed out waiting for " .. description)
  end
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = "structlint",
    cmd = { os.getenv("STRUCTLINT"), "lsp" },
    root_dir = vim.fn.getcwd(),
  })
  if not client_id then
    fail("the client did not start")
  end
  vim.cmd("edit src/fetch.ts")
  vim.lsp.buf_attach_client(0, client_id)

  wait_for("the fetch diagnostic", function() return #structlint_diagnostics() > 0 end)
  local d = structlint_diagnostics()[1]
  if d.code ~= "fetch-retry-timeout" or d.lnum ~= 1 then
    fail("unexpected diagnostic " .. vim.inspect(d))
  end

  -- The quick fix that disables the rule for the line, applied through the client.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.lnum, character = d.col } },
    context = { diagnostics = { d.user_data and d.user_data.lsp or {} } },
  }
  local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
  local applied = false
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      if action.title == "Disable fetch-retry-timeout for this line" then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        applied = true
      end
    end
  end
  if not applied then
    fail("no quick fix offered: " .. vim.inspect(responses))
  end
  local comment = vim.api.nvim_buf_get_lines(0, 1, 2, false)[1]
  if not comment:find("structlint%-disable%-next%-line fetch%-retry%-timeout", 1) then
    fail("the quick fix inserted " .. comment)
  end
  -- The finding goes; the suppressions rule asks for a reason in place of `<reason>`.
  wait_for("the suppressed finding to go", function()
    local codes = vim.tbl_map(function(x) return x.code end, structlint_diagnostics())
    return #codes == 1 and codes[1] == "suppressions"
  end)

  -- Undo brings it back; an edit that removes the call fixes it.
  vim.cmd("silent undo")
  wait_for("the finding to come back", function() return #structlint_diagnostics() == 1 end)
  vim.api.nvim_buf_set_lines(0, 1, 2, false, { "  return url;" })
  wait_for("the fixed code to be clean", function() return #structlint_diagnostics() == 0 end)
end)

if not ok then
  fail(tostring(err))
end
io.stdout:write("OK\n")
vim.cmd("qall!")
