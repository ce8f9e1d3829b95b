"""Schemathesis hooks for scripts/api-fuzz.sh (loaded through SCHEMATHESIS_HOOKS).

POST /api/v1/sources follows the feed at the address it is sent, so a fuzzer left
alone would have the server fetch whatever hosts it makes up. Before each call, an
http(s) address in the body is moved to 127.0.0.1 port 9 (its path and query kept):
the fetcher refuses private addresses, so the server answers 422 at once and fetches
nothing, with or without internet. Everything else is sent as generated.
"""

import schemathesis

HARMLESS_AUTHORITY = "127.0.0.1:9"


def harmless(url: str) -> str:
    scheme, _, rest = url.partition("://")
    cuts = [i for i in (rest.find(c) for c in "/?#\\") if i >= 0]
    return f"{scheme}://{HARMLESS_AUTHORITY}{rest[min(cuts, default=len(rest)):]}"


@schemathesis.hook
def before_call(context, case, kwargs):
    operation = case.operation
    if operation.method.upper() != "POST" or operation.path != "/api/v1/sources":
        return
    if isinstance(case.body, dict):
        url = case.body.get("url")
        if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
            case.body["url"] = harmless(url)
