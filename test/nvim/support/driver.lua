-- Drives Neovim's built-in LSP client through a list of steps and prints one
-- JSON line per step on stdout ("@@vfio-lens " .. json). Works on Neovim 0.7
-- (vim.lsp.start_client + buf_attach_client) and on 0.8+ (vim.lsp.start).
--
-- $VFIO_LENS_NVIM_SCRIPT names a JSON file:
--   { "cmd": [...], "rootDir": "...", "settings": {...}, "filetype": "c"?, "timeoutMs": 15000,
--     "steps": [ { "do": "initialize" }, { "do": "diagnostics" }, { "do": "hover", "line": 0, "character": 4 }, ... ] }
-- The file to edit is Neovim's first argument. Exit status 0 when every step ran.
local function emit(obj)
  io.stdout:write('@@vfio-lens ' .. vim.fn.json_encode(obj) .. '\n')
  io.stdout:flush()
end

local function fail(index, msg)
  emit({ step = index, error = msg })
  vim.cmd('cquit 1')
end

local script = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('VFIO_LENS_NVIM_SCRIPT')), '\n'))
local timeout = script.timeoutMs or 15000
local bufnr = vim.api.nvim_get_current_buf()
if script.filetype then vim.bo[bufnr].filetype = script.filetype end
local uri = vim.uri_from_bufnr(bufnr)

-- Count every publishDiagnostics, also the empty ones, so a step can wait for "the next one".
local published, seen, last = 0, 0, {}
local init_result
local settings = script.settings or vim.empty_dict()
local config = {
  name = 'vfio-lens',
  cmd = script.cmd,
  root_dir = script.rootDir,
  settings = { vfioLens = settings },
  init_options = { settings = settings },
  -- No get_language_id: Neovim's filetype goes out as the languageId (`sh`, or '' for .lspci), as in the README.
  on_init = function(_, result) init_result = result end,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
      if result and result.uri == uri then
        published = published + 1
        last = result.diagnostics
      end
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, cfg)
    end,
  },
}

local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  if client_id then vim.lsp.buf_attach_client(bufnr, client_id) end
end
if not client_id then return fail(0, 'could not start the language server') end

local function client() return vim.lsp.get_client_by_id(client_id) end

local function request(method, params)
  local results, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
  if not results then error(method .. ': ' .. tostring(err)) end
  local r = results[client_id]
  if not r then error(method .. ': no answer from vfio-lens') end
  if r.err or r.error then error(method .. ': ' .. vim.inspect(r.err or r.error)) end
  return r.result
end

local function position(s)
  return { textDocument = { uri = uri }, position = { line = s.line, character = s.character } }
end

local steps = {}

function steps.initialize()
  if not vim.wait(timeout, function() return init_result ~= nil and client() ~= nil and client().initialized end, 20) then
    error('the server did not initialize')
  end
  return { serverInfo = init_result.serverInfo, capabilities = init_result.capabilities }
end

-- The next publishDiagnostics for the buffer after the ones already consumed.
function steps.diagnostics()
  if not vim.wait(timeout, function() return published > seen end, 20) then error('no diagnostics were published') end
  seen = published
  return last
end

function steps.hover(s) return request('textDocument/hover', position(s)) end

-- What a person sees: vim.lsp.buf.hover() and the lines of the floating window it opens.
function steps.hoverFloat(s)
  if request('textDocument/hover', position(s)) == nil then return vim.NIL end
  local line = vim.api.nvim_buf_get_lines(bufnr, s.line, s.line + 1, true)[1]
  vim.api.nvim_win_set_cursor(0, { s.line + 1, vim.str_byteindex(line, s.character, true) })
  local before = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do before[w] = true end
  vim.lsp.buf.hover()
  local float
  vim.wait(timeout, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if not before[w] and vim.api.nvim_win_get_config(w).relative ~= '' then float = w return true end
    end
    return false
  end, 20)
  if not float then error('no hover window opened') end
  local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false)
  vim.api.nvim_win_close(float, true)
  return lines
end

function steps.inlayHints()
  local n = vim.api.nvim_buf_line_count(bufnr)
  return request('textDocument/inlayHint', { textDocument = { uri = uri }, range = { start = { line = 0, character = 0 }, ['end'] = { line = n, character = 0 } } })
end

function steps.request(s) return request(s.method, s.params or vim.empty_dict()) end

-- Settings change as in a user's config: the server is told, then pulls them.
function steps.configure(s)
  client().config.settings = { vfioLens = s.settings }
  client().notify('workspace/didChangeConfiguration', { settings = { vfioLens = s.settings } })
  return true
end

-- Replaces lines [first, last) with `lines`, like typing would.
function steps.edit(s)
  vim.api.nvim_buf_set_lines(bufnr, s.first, s.last, false, s.lines)
  return vim.lsp.util.buf_versions[bufnr]
end

for i, s in ipairs(script.steps) do
  local fn = steps[s['do']]
  if not fn then return fail(i - 1, 'unknown step ' .. tostring(s['do'])) end
  local ok, result = pcall(fn, s)
  if not ok then return fail(i - 1, tostring(result)) end
  emit({ step = i - 1, result = result == nil and vim.NIL or result })
end

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return client() == nil end, 20)
vim.cmd('qall!')
