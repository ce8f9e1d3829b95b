"""Schemathesis hooks for scripts/api-fuzz.sh (loaded through SCHEMATHESIS_HOOKS).

POST /api/v1/sources follows the feed at the address it is sent, so a fuzzer left
alone would have the server fetch whatever hosts it makes up. Before each call, an
http(s) address in the body is moved to 127.0.0.1 port 9 (its path and query kept):
the fetcher refuses private addresses, so the server answers 422 at once and fetches
nothing, with or without internet. Everything else is sent as generated.

For the apps' APIs (the fourth run), the T token a Google Reader change carries and the Fever api_key
are set to the user's real ones (FUZZ_GREADER_T, FUZZ_FEVER_KEY) wherever a generated body has them, so
the calls reach what they do rather than stopping at the token check; their schemas take any string
there, so no case meant to be invalid is made valid by it.
"""

import os

import schemathesis

HARMLESS_AUTHORITY = "127.0.0.1:9"


def harmless(url: str) -> str:
    scheme, _, rest = url.partition("://")
    cuts = [i for i in (rest.find(c) for c in "/?#\\") if i >= 0]
    return f"{scheme}://{HARMLESS_AUTHORITY}{rest[min(cuts, default=len(rest)):]}"


@schemathesis.hook
def before_call(context, case, kwargs):
    operation = case.operation
    if isinstance(case.body, dict):
        for field, variable in (("T", "FUZZ_GREADER_T"), ("api_key", "FUZZ_FEVER_KEY")):
            if field in case.body and os.environ.get(variable):
                case.body[field] = os.environ[variable]
    if operation.method.upper() != "POST" or operation.path != "/api/v1/sources":
        return
    if isinstance(case.body, dict):
        url = case.body.get("url")
        if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
            case.body["url"] = harmless(url)
