-- The refund round trip, as the Refund… dialog does it with htmx: GET the dialog of an
-- order, read the idempotency key its form carries, then POST the refund of 1.00 with
-- that key and the session's CSRF token. trips counts the POSTs that succeeded.
-- Responses are read, so this script does not ask for gzip.
-- Usage: wrk ... -s bench/lua/refund.lua <url> -- <order ids file> <csrf header> <csrf token>

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local orders, index, csrf_header, csrf_token
local forms = {} -- dialogs answered, waiting for their POST on any connection of this thread

function init(args)
  orders = read_lines(args[1])
  index = start_index(#orders)
  csrf_header, csrf_token = args[2], args[3]
end

function request()
  local form = table.remove(forms)
  if form then
    return wrk.format("POST", "/orders/" .. form.order .. "/refunds", headers_with({
      ["HX-Request"] = "true",
      ["Content-Type"] = "application/x-www-form-urlencoded",
      [csrf_header] = csrf_token,
    }), "idempotencyKey=" .. form.key .. "&mode=amount&amount=1.00&reason=RETURNED&note=")
  end
  index = index % #orders + 1
  return wrk.format("GET", "/orders/" .. orders[index] .. "/refunds/new", headers_with({ ["HX-Request"] = "true" }))
end

local function header(headers, wanted)
  for name, value in pairs(headers) do
    if name:lower() == wanted then
      return value
    end
  end
end

function response(status, headers, body)
  count(status)
  if status ~= 200 then
    return
  end
  local trigger = header(headers, "hx-trigger-after-settle")
  if trigger and trigger:find("orderActionDone") then
    trips = trips + 1
    return
  end
  local order = body:match('data%-order="([%x%-]+)"')
  local key = body:match('name="idempotencyKey" value="([%w_%-]+)"')
  if order and key then
    table.insert(forms, { order = order, key = key })
  end
end
