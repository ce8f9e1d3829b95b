#!/usr/bin/env python3
"""Loads the article page of every XSS payload (ingested from scripts/xss_site.py)
in headless Chromium through the DevTools protocol, twice: with the reader's
Content-Security-Policy, and with it bypassed (Page.setBypassCSP) so that the
sanitiser is judged alone. On each page:

  - alert, confirm, prompt, print and open are replaced before any page script
    runs (Page.addScriptToEvaluateOnNewDocument, in every frame); a call counts
    as an execution, and so does a dialog that opens anyway, a navigation to a
    javascript: URL, or an exception thrown by script in the page itself;
  - the rendered article body (<div class="body"> in <article class="article-page">,
    where the reader puts the outlet's HTML), as the browser parsed it, is
    walked for violations: script-capable elements, elements outside the HTML
    namespace, on* and style attributes, and URLs (href, src, action,
    formaction, xlink:href, srcset, poster, background, data...) that begin,
    after white space and case, with javascript:, vbscript: or data:; the rest
    of the document is checked for anything script-capable the reader did not
    put there.

    xss_check.py BASE_URL DATABASE VECTORS [--details FILE]

Exits 1 on any execution or violation, or when fewer payloads than VECTORS
holds reached an article page. Standard library only.
"""
import base64, json, os, shutil, socket, sqlite3, struct, subprocess, sys, tempfile, time, urllib.request

args = sys.argv[1:]
details_path = None
if "--details" in args:
    at = args.index("--details")
    details_path = args[at + 1]
    del args[at:at + 2]
base, database, vectors_path = args[0].rstrip("/"), args[1], args[2]
vectors = json.load(open(vectors_path, encoding="utf-8"))
LEAD_IN = "In a statement released on Thursday, the ministry wrote:"


class WebSocket:
    def __init__(self, url):
        assert url.startswith("ws://")
        host_port, path = url[5:].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        head, self.buffer = response.split(b"\r\n\r\n", 1)
        assert b" 101 " in head.split(b"\r\n")[0], head

    def send(self, text):
        data = text.encode()
        header = bytearray([0x81])
        if len(data) < 126:
            header.append(0x80 | len(data))
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        mask = os.urandom(4)
        self.sock.sendall(bytes(header) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("the browser closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 0x9:  # ping
                continue
            message += payload
            if first & 0x80:
                return message.decode()


# Installed before any page script, in every frame: the dialogs and window.open only count, and say so on the
# console (kept from the start, so a payload that replaces console methods cannot hide a call).
HOOKS = r"""
(() => {
  const say = console.debug.bind(console);
  const stringify = (value) => { try { return String(value).slice(0, 100); } catch (e) { return '?'; } };
  const record = (kind, args) => {
    try { window.__xssCalls = (window.__xssCalls || 0) + 1; } catch (e) {}
    try { say('__XSS_EXECUTED__ ' + kind + '(' + stringify(args[0]) + ') in ' + stringify(location.href)); } catch (e) {}
  };
  const results = { alert: undefined, confirm: false, prompt: null, print: undefined, open: null };
  for (const name of Object.keys(results)) {
    const hook = function (...args) { record(name, args); return results[name]; };
    try { Object.defineProperty(window, name, { value: hook, writable: false, configurable: false }); }
    catch (e) { try { window[name] = hook; } catch (e2) {} }
  }
})();
"""

# The walk of the rendered article body, and a look over the rest of the document.
WALK = r"""
(() => {
  const forbidden = new Set(['script','iframe','frame','frameset','object','embed','applet','svg','math','style',
    'link','meta','base','form','input','button','textarea','select','option','optgroup','datalist','template',
    'noscript','noembed','noframes','xmp','plaintext','listing','isindex','keygen','param','portal','fencedframe',
    'title','head','body','html','xml','slot','image','search','selectedcontent']);
  const urlAttributes = new Set(['href','src','action','formaction','xlink:href','srcset','poster','background',
    'data','cite','codebase','dynsrc','lowsrc','longdesc','ping','srcdoc','manifest','icon','classid','archive',
    'usemap','folder','to','values','from','by']);
  const compact = (value) => value.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200d\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '').toLowerCase();
  const badScheme = (value) => /^(javascript|vbscript|data):/.test(compact(value));
  // Through the prototypes' own getters, so that a clobbered property cannot hide anything.
  const get = (proto, property) => Object.getOwnPropertyDescriptor(proto, property).get;
  const localName = get(Element.prototype, 'localName'), namespaceOf = get(Element.prototype, 'namespaceURI');
  const attributesOf = get(Element.prototype, 'attributes');
  const describe = (el) => '<' + localName.call(el) + '>';
  const query = (selector) => Document.prototype.querySelectorAll.call(document, selector);
  const inside = (el) => root !== null && Node.prototype.contains.call(root, el);
  const head = get(Document.prototype, 'head').call(document);
  const root = Document.prototype.querySelector.call(document, 'article.article-page > div.body');
  const violations = [], clobbered = [];
  let elements = 0;
  if (root) {
    for (const el of Element.prototype.querySelectorAll.call(root, '*')) {
      elements++;
      const name = localName.call(el).toLowerCase();
      if (forbidden.has(name)) violations.push('element ' + describe(el));
      else if (namespaceOf.call(el) !== 'http://www.w3.org/1999/xhtml') violations.push('element ' + describe(el) + ' in ' + namespaceOf.call(el));
      for (const attribute of Array.from(attributesOf.call(el))) {
        // DOM clobbering: a name or id that the document now answers with this element (noted, not a violation).
        if ((attribute.name === 'name' || attribute.name === 'id') && attribute.value) {
          try { const held = document[attribute.value]; if (held === el || (held instanceof HTMLCollection && Array.from(held).includes(el))) clobbered.push('document.' + attribute.value + ' by ' + describe(el)); } catch (e) {}
        }
        const attr = attribute.name.toLowerCase();
        if (attr.startsWith('on')) violations.push(describe(el) + ' ' + attr + '=' + JSON.stringify(attribute.value.slice(0, 60)));
        else if (attr === 'style') violations.push(describe(el) + ' style=' + JSON.stringify(attribute.value.slice(0, 60)));
        if (urlAttributes.has(attr) || attr.endsWith(':href') || attr === 'srcdoc') {
          const candidates = attr === 'srcset' ? attribute.value.split(',').map(c => c.trim().split(/\s+/)[0]) : [attribute.value];
          if (attr === 'srcdoc' || candidates.some(badScheme))
            violations.push(describe(el) + ' ' + attr + '=' + JSON.stringify(attribute.value.slice(0, 80)));
        }
      }
      for (const property of ['href', 'src', 'action', 'formAction']) {
        const value = el[property];
        if (typeof value === 'string' && /^(javascript|vbscript|data):/i.test(value) && !el.hasAttribute(property.toLowerCase()))
          violations.push(describe(el) + ' resolves ' + property + ' to ' + JSON.stringify(value.slice(0, 80)));
      }
    }
    if (root.shadowRoot) violations.push('the body has a shadow root');
  }
  // The rest of the document: only the reader's own script, style sheet, form and fields.
  const outside = [];
  for (const el of query('script,iframe,frame,frameset,object,embed,applet,base,form,input,button,textarea,select,meta,link,style,svg,math,template,noscript')) {
    if (inside(el)) continue;
    const name = el.localName;
    const own = (name === 'script' && /^\/static\/app\.js/.test(el.getAttribute('src') || '') && el.parentNode === head)
      || (name === 'link' && el.parentNode === head && /^(stylesheet|alternate)$/.test(el.rel))
      || (name === 'meta' && el.parentNode === head && (el.hasAttribute('charset') || ['viewport','color-scheme'].includes(el.name)))
      || (name === 'form' && el.classList.contains('quick-search'))
      || (name === 'input' && el.id === 'q-top');
    if (!own) outside.push(describe(el) + ' outside the article body');
  }
  for (const el of query('[style]')) if (!inside(el)) outside.push(describe(el) + ' style outside the article body');
  return { found: !!root, elements, violations: violations.concat(outside), clobbered, calls: window.__xssCalls || 0,
           text: root ? root.innerText.length : 0, leadIn: root ? root.innerText.includes(%s) : false,
           url: location.href };
})()
""" % json.dumps(LEAD_IN)


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="newsdesk-xss-chromium-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not binary:
            sys.exit("xss check: chromium is needed (apt-get install -y chromium)")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--disable-popup-blocking", "--remote-debugging-port=0", f"--user-data-dir={self.profile}",
             "--window-size=1280,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        self.port = port
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.page_id = page["id"]
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events = []
        for method in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.call(method)
        self.call("Page.addScriptToEvaluateOnNewDocument", source=HOOKS)

    def _take(self, message):
        # A dialog that opens despite the hooks is answered at once (it would stop the page), and counted.
        if message.get("method") == "Page.javascriptDialogOpening":
            self.next_id += 1
            self.ws.send(json.dumps({"id": self.next_id, "method": "Page.handleJavaScriptDialog",
                                     "params": {"accept": False}}))
        self.events.append(message)

    def call(self, method, **params):
        self.next_id += 1
        mine = self.next_id
        self.ws.sock.settimeout(30)
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == mine:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self._take(message)

    def wait_for(self, event, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[index]
                    return message
            self.ws.sock.settimeout(max(0.05, deadline - time.time()))
            try:
                message = json.loads(self.ws.receive())
            except socket.timeout:
                break
            if "method" in message:
                self._take(message)
        return None

    def go(self, url):
        self.events = []
        self.call("Page.navigate", url=url)
        loaded = self.wait_for("Page.loadEventFired", 15) is not None
        time.sleep(0.25)  # autofocus, timers and image errors
        self.call("Runtime.evaluate", expression="1")  # let queued events arrive
        return loaded

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def evidence(events, page_url):
    """What the page's events show: executions, and the policy's reports."""
    executed, blocked, notes = [], [], []
    for message in events:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            if "__XSS_EXECUTED__" in text:
                executed.append(text.replace("__XSS_EXECUTED__ ", ""))
            elif params.get("type") in ("error", "warning", "assert"):
                notes.append("console: " + text[:160])
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            where = details.get("url", "")
            what = (details.get("exception", {}) or {}).get("description") or details.get("text", "")
            # Only the reader's own script may run; an exception from anything else is page script running.
            if "/static/app.js" not in where:
                executed.append(f"exception from {where or 'inline script'}: {what[:160]}")
            else:
                notes.append(f"exception in the reader's script: {what[:160]}")
        elif method == "Page.javascriptDialogOpening":
            executed.append(f"dialog {params.get('type')}: {params.get('message', '')[:80]}")
        elif method in ("Page.frameRequestedNavigation", "Page.frameScheduledNavigation", "Page.frameNavigated"):
            url = params.get("url") or params.get("frame", {}).get("url", "")
            if url.lower().lstrip().startswith(("javascript:", "vbscript:")):
                executed.append(f"navigation to {url[:100]}")
            elif method == "Page.frameNavigated" and url and url != page_url and not url.startswith("about:"):
                notes.append(f"navigated to {url[:100]}")
        elif method == "Page.windowOpen":
            executed.append(f"window opened: {params.get('url', '')[:100]}")
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            text = entry.get("text", "")
            if "Content Security Policy" in text or "Content-Security-Policy" in text:
                # Images over http and media are the policy at work, not script: noted. Anything else the
                # policy stopped (script, handlers, javascript: URLs, frames, plugins, styles, forms, base)
                # means the sanitiser let it through.
                action = text.lower().split(" violates")[0].split(" because")[0]
                if action.startswith(("loading the image", "refused to load the image", "loading media",
                                      "refused to load media", "loading the font", "refused to load the font")):
                    notes.append("csp: " + text[:160])
                else:
                    blocked.append(text[:200])
            elif entry.get("level") == "error" and entry.get("source") not in ("network",):
                notes.append(f"{entry.get('source')}: {text[:160]}")
    return executed, blocked, notes


def articles():
    """(payload number, variant, article id, from_feed, has findings, stored HTML) from the database."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = connection.execute("SELECT id, guid, from_feed, findings, html, text FROM articles").fetchall()
    connection.close()
    found = []
    for article_id, guid, from_feed, findings, stored_html, text in rows:
        if not guid or not guid.startswith("xss-"):
            continue
        _, variant, number = guid.split("-")
        found.append({"number": int(number), "variant": variant, "id": article_id, "from_feed": bool(from_feed),
                      "findings": findings not in ("", "[]"), "html": stored_html,
                      "lead_in_stored": LEAD_IN in text})
    return sorted(found, key=lambda a: (a["number"], a["variant"]))


def main():
    stored = articles()
    total = len(vectors)
    by_number = {}
    for article in stored:
        by_number.setdefault(article["number"], {})[article["variant"]] = article
    # How each payload reached an article page.
    routes = {"page: extracted, payload paragraph kept": [], "page: extracted, payload paragraph dropped": [],
              "page: extractor found nothing, the feed's content kept": [], "feed only (page 404)": [],
              "feed only, yet not from the feed": []}
    for article in stored:
        if article["variant"] == "page":
            if article["from_feed"]:
                routes["page: extractor found nothing, the feed's content kept"].append(article["number"])
            elif article["lead_in_stored"]:
                routes["page: extracted, payload paragraph kept"].append(article["number"])
            else:
                routes["page: extracted, payload paragraph dropped"].append(article["number"])
        elif article["from_feed"]:
            routes["feed only (page 404)"].append(article["number"])
        else:
            routes["feed only, yet not from the feed"].append(article["number"])
    reached_page = sum(1 for n in range(total) if "page" in by_number.get(n, {}))
    reached_feed = sum(1 for n in range(total) if "feed" in by_number.get(n, {}))
    reached_any = sum(1 for n in range(total) if by_number.get(n))
    as_text = {variant: sum(1 for a in stored if a["findings"] and a["variant"] == variant) for variant in ("page", "feed")}
    print(f"xss check: {len(stored)} articles stored for {total} payloads; "
          f"{reached_page} payloads reached an article page through their page item, "
          f"{reached_feed} through their feed-only item, {reached_any} through either")
    for route, numbers in routes.items():
        if numbers or "yet" not in route:
            print(f"xss check:   {route}: {len(numbers)}" + (f" (payloads {numbers})" if 0 < len(numbers) <= 20 else ""))
    print(f"xss check:   shown as text, not as the outlet's HTML, because the article has findings: "
          f"{as_text['page']} page items, {as_text['feed']} feed-only items")
    missing = [n for n in range(total) if not by_number.get(n)]
    if missing:
        print(f"xss check: payloads that reached no article page: {missing}")

    browser = Browser()
    results = {}
    failures, watch_failures = [], []
    try:
        for mode, bypass in (("CSP on", False), ("CSP off", True)):
            browser.call("Page.setBypassCSP", enabled=bypass)
            executed_payloads, violation_payloads, blocked_payloads, clobber_payloads = set(), set(), set(), set()
            calls = blocked_count = violation_count = unloaded = no_body = reader_broken = 0
            for article in stored:
                url = f"{base}/articles/{article['id']}"
                loaded = browser.go(url)
                walk = browser.evaluate(WALK) or {}
                executed, blocked, notes = evidence(browser.events, url)
                browser.events = []
                key = f"{article['number']}/{article['variant']}"
                record = results.setdefault(key, {"number": article["number"], "variant": article["variant"],
                                                  "article": article["id"], "from_feed": article["from_feed"],
                                                  "title": vectors[article["number"]].get("title")})
                record[mode] = {"executed": executed, "blocked": blocked, "violations": walk.get("violations", []),
                                "notes": notes, "loaded": loaded, "body_found": walk.get("found"),
                                "elements": walk.get("elements"), "hook_calls": walk.get("calls", 0),
                                "clobbered": walk.get("clobbered", [])}
                if walk.get("clobbered"):
                    clobber_payloads.add(article["number"])
                if not loaded:
                    unloaded += 1
                if any("the reader's script" in note for note in notes):
                    reader_broken += 1
                if not walk.get("found"):
                    no_body += 1
                calls += len([e for e in executed])
                if executed or walk.get("calls"):
                    executed_payloads.add(article["number"])
                if blocked:
                    blocked_payloads.add(article["number"])
                    blocked_count += len(blocked)
                if walk.get("violations"):
                    violation_payloads.add(article["number"])
                    violation_count += len(walk["violations"])
                for item in executed + blocked + walk.get("violations", []):
                    failures.append(f"{mode}: payload {key} (article {article['id']}): {item}")
            # The watch itself: an event handler put into the body of the last page must be seen (run, or
            # blocked by the policy) and found by the walk.
            browser.go(f"{base}/articles/{stored[-1]['id']}" if stored else base + "/")
            browser.evaluate("var b = document.querySelector('article.article-page > div.body'); "
                             "b && b.insertAdjacentHTML('beforeend', '<img src=\"/nowhere.png\" onerror=\"alert(7)\">'); 1")
            time.sleep(0.5)
            walk = browser.evaluate(WALK) or {}
            executed, blocked, _ = evidence(browser.events, "")
            browser.events = []
            seen = bool(blocked) if not bypass else bool(executed)
            watch_ok = seen and any("onerror" in v for v in walk.get("violations", []))
            print(f"xss check: {mode}: an injected onerror handler is "
                  + ("blocked by the policy" if not bypass else "run") + " and found by the walk: "
                  + ("ok" if watch_ok else f"FAILED (executed {executed}, blocked {blocked}, walk {walk.get('violations')})"))
            if not watch_ok:
                watch_failures.append(mode)
            results[mode] = {"executed": executed_payloads, "violations": violation_payloads, "calls": calls,
                             "blocked": blocked_payloads}
            print(f"xss check: {mode}: {len(stored)} article pages loaded ({unloaded} without a load event, "
                  f"{no_body} without an article body); {len(executed_payloads)} payloads executed "
                  f"({calls} executions seen); {len(blocked_payloads)} payloads with script the policy blocked "
                  f"({blocked_count} reports); {len(violation_payloads)} payloads with violations in the "
                  f"rendered body ({violation_count}); {len(clobber_payloads)} payloads clobber a document "
                  f"property and the reader's own script threw on {reader_broken} pages (noted, not counted)")
    finally:
        browser.close()
    if details_path:
        with open(details_path, "w", encoding="utf-8") as out:
            json.dump(list(results.get(k) for k in sorted(k for k in results if "/" in k)), out, indent=1,
                      default=list)
    violated = results["CSP on"]["violations"] | results["CSP off"]["violations"]
    blocked = results["CSP on"]["blocked"] | results["CSP off"]["blocked"]
    for line in failures[:60]:
        print("xss check: " + line)
    if len(failures) > 60:
        print(f"xss check: ... and {len(failures) - 60} more")
    print(f"xss: {total} payloads, {len(results['CSP on']['executed'])} executed (CSP on), "
          f"{len(results['CSP off']['executed'])} executed (CSP off), {len(violated)} violations"
          + (f", {len(blocked)} blocked by the policy" if blocked else "")
          + f"; {reached_any} of {total} reached an article page")
    if reached_any < total:
        print(f"xss: only {reached_any} of {total} payloads reached an article page")
    if watch_failures:
        print(f"xss: the watch failed ({', '.join(watch_failures)}): these figures cannot be trusted")
    bad = (results["CSP on"]["executed"] or results["CSP off"]["executed"] or violated or blocked
           or reached_any < total or watch_failures)
    sys.exit(1 if bad else 0)


main()
