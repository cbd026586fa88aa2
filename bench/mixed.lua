-- A mix of public pages, a static file, the health check and a signed-in page, in turn
-- (bench/serve_load.py passes the member's session cookie as the script's argument).
local paths = {"/", "/directory/", "/accounts/login/", "/static/css/tandem.css", "/healthz", "/home/"}
local cookie = ""
local i = 0

function init(args)
  cookie = args[1] or ""
end

function request()
  i = i % #paths + 1
  local headers = {}
  if paths[i] == "/home/" then
    headers["Cookie"] = "sessionid=" .. cookie
  end
  return wrk.format("GET", paths[i], headers)
end
