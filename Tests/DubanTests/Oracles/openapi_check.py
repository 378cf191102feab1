"""Checks recorded HTTP exchanges against docs/api/openapi.yaml with
openapi-core, an implementation independent of duban: every status must be
documented for its operation and every JSON body must match its schema.

usage: python3 openapi_check.py SPEC EXCHANGES.json
EXCHANGES: [{"method", "path", "query", "status", "content_type", "body"}]
Prints one line per problem and exits 1 if there is any."""
import json
import sys
import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

spec = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
api = OpenAPI.from_dict(spec)
exchanges = json.load(open(sys.argv[2], encoding="utf-8"))
problems = []
checked = 0
seen = set()
for x in exchanges:
    path = x["path"]
    # The same answer to the same request is checked once.
    key = (x["method"], path, json.dumps(x.get("query"), sort_keys=True), x["status"], x.get("content_type"), x.get("body"))
    if not path.startswith("/api/v1/") or key in seen:
        continue
    seen.add(key)
    ctype = (x.get("content_type") or "").split(";")[0].strip()
    body = x.get("body") or ""
    # JSON is parsed and checked against its schema; other text is given as
    # text; binary downloads (not recorded) are checked for status and type.
    data = body.encode("utf-8") if ctype == "application/json" else (body or "(binary)")
    request = MockRequest("http://127.0.0.1", x["method"].lower(), path, args=x.get("query") or {})
    response = MockResponse(data=data, status_code=x["status"], content_type=ctype or "application/json")
    try:
        api.validate_response(request, response)
        checked += 1
    except Exception as e:  # the validator's own errors, reported whole
        detail = "; ".join(str(s) for s in getattr(e, "schema_errors", [])) or repr(e)
        problems.append(f"{x['method']} {path} -> {x['status']} {ctype}: {type(e).__name__}: {detail}")
for p in problems:
    print(p)
print(f"{checked} responses valid, {len(problems)} invalid")
sys.exit(1 if problems else 0)
