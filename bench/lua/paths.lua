-- GET the request paths of a file in turn (bench/run writes one file per case).
-- A path ending in /new is a More actions dialog, which htmx requests with HX-Request.
-- Like a browser, it accepts gzip: the figures include compression once the portal
-- compresses.
-- Usage: wrk ... -s bench/lua/paths.lua <url> -- <paths file>

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local paths, index

function init(args)
  paths = read_lines(args[1])
  index = start_index(#paths)
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  index = index % #paths + 1
  local path = paths[index]
  local extra = nil
  if path:find("/new$") then
    extra = { ["HX-Request"] = "true" }
  end
  return wrk.format("GET", path, headers_with(extra))
end

function response(status, headers, body)
  count(status)
end
