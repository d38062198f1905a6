-- wrk script of dev.aauth.bench.ExchangeBench: replays a pool of pre-signed token requests, each once.
-- Arguments (after --): the pool file (first line: the Signature-Key value; then one request per line:
-- Signature-Input TAB Signature TAB Content-Digest TAB body) and the number of wrk threads; thread k takes every k-th line.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local path, nthreads = args[1], tonumber(args[2])
  reqs = {}
  local f = assert(io.open(path, "r"))
  local sigkey = f:read("*l")
  local n = 0
  for line in f:lines() do
    if n % nthreads == id then
      local si, sg, cd, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      reqs[#reqs + 1] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["Content-Digest"] = cd,
        ["Signature-Input"] = si,
        ["Signature"] = sg,
        ["Signature-Key"] = sigkey,
      }, body)
    end
    n = n + 1
  end
  f:close()
  idx = 0
end

function request()
  idx = idx + 1
  if idx > #reqs then
    idx = 1 -- the driver fails a run that needs more requests than the pool holds
  end
  return reqs[idx]
end
