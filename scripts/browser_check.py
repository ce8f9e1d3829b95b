#!/usr/bin/env python3
"""Loads the reader's pages in headless Chromium through the DevTools protocol
and checks what a reader would see: the expected text on each page, no
console errors, no Content-Security-Policy violations, no failed loads, and
the keys (j/k to move, / to search). Saves a screenshot of each page, also
as a phone would show it and in the dark theme.

    browser_check.py BASE_URL SCREENSHOT_DIR
    browser_check.py BASE_URL SCREENSHOT_DIR USER PASSWORD   (a desk with users: the logged-in reader)

The second form logs in through the login page and checks what a user's own state does: an article
opened is read, its story then shows its new reports, s stars, m marks unread, the starred page and
feed, the unread-only front page, a source's page and a past day's front page.

Standard library only: a small WebSocket client speaks the protocol.
"""
import base64, json, os, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request

base, shots = sys.argv[1].rstrip("/"), sys.argv[2]
login = sys.argv[3:5]
os.makedirs(shots, exist_ok=True)


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


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="newsdesk-chromium-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not binary:
            sys.exit("browser check: chromium is needed (apt-get install -y chromium)")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "--window-size=1280,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events = []
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.call(method)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[index]
                    return message
            self.ws.sock.settimeout(max(0.1, deadline - time.time()))
            self.events.append(json.loads(self.ws.receive()))
        raise TimeoutError(event)

    def go(self, url):
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        time.sleep(0.2)
        self.call("Runtime.evaluate", expression="1")  # let queued events arrive

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def key(self, key):
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, text=key if kind == "keyDown" else "",
                      code="Key" + key.upper() if key.isalpha() else "Slash",
                      windowsVirtualKeyCode=ord(key.upper()) if key.isalpha() else 191)
        time.sleep(0.05)

    def screenshot(self, path):
        height = self.evaluate("Math.min(document.documentElement.scrollHeight, 4000)") or 1000
        width = self.evaluate("window.innerWidth") or 1280
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))

    def problems(self):
        found = []
        for message in self.events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                found.append("exception: " + params.get("exceptionDetails", {}).get("text", ""))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                found.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
            elif method == "Network.loadingFailed" and not params.get("canceled"):
                found.append("load failed: " + params.get("errorText", ""))
        self.events = []
        return found

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    stories = json.load(urllib.request.urlopen(base + "/api/v1/stories?since=30d&limit=50"))["stories"]
    story = max(stories, key=lambda s: (len(s["outlets"]), s["article_count"]))
    article = json.load(urllib.request.urlopen(f"{base}/api/v1/stories/{story['id']}"))["reports"][0]
    pages = [
        ("front", "/", ["Today's stories", story["headline"], "outlets"]),
        ("story", f"/stories/{story['id']}", ["Every report, in time order", "The most complete report"]),
        ("article", f"/articles/{article['article_id']}", [article["title"], "The original"]),
        ("search", "/search?q=obama", ["grouped by story", "Obama"]),
        ("sources", "/sources", ["Sources", "Failing", "Follow a source"]),
    ]
    browser = Browser()
    failures = []
    try:
        for name, path, expected in pages:
            browser.go(base + path)
            text = browser.evaluate("document.body.innerText") or ""
            missing = [e for e in expected if e not in text]
            problems = browser.problems()
            browser.screenshot(os.path.join(shots, f"{name}.png"))
            status = "ok" if not missing and not problems else "FAILED"
            print(f"browser check: {name} {path}: {status}" + (f"; missing {missing}" if missing else "")
                  + (f"; {problems}" if problems else ""))
            if missing or problems:
                failures.append(name)
        # The keys, on the front page: j moves to the first story, j again to the second, k back; / searches.
        browser.go(base + "/")
        browser.key("j"); browser.key("j"); browser.key("k")
        selected = browser.evaluate(
            "Array.prototype.indexOf.call(document.querySelectorAll('.item'), document.querySelector('.item.selected'))")
        browser.key("/")
        focused = browser.evaluate("document.activeElement && document.activeElement.id")
        keys_ok = selected == 0 and focused == "q-top"
        print(f"browser check: keys j j k then /: item {selected} selected, focus on {focused!r}: "
              + ("ok" if keys_ok else "FAILED"))
        if not keys_ok:
            failures.append("keys")
        # A phone, and the dark theme.
        browser.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
        browser.go(base + "/")
        overflow = browser.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        browser.screenshot(os.path.join(shots, "front-phone.png"))
        print("browser check: phone width 390: " + ("FAILED, the page is wider than the screen" if overflow else "ok"))
        if overflow:
            failures.append("phone")
        browser.call("Emulation.clearDeviceMetricsOverride")
        browser.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "dark"}])
        browser.go(f"{base}/stories/{story['id']}")
        background = browser.evaluate("getComputedStyle(document.body).backgroundColor")
        browser.screenshot(os.path.join(shots, "story-dark.png"))
        dark_ok = background not in ("rgb(252, 252, 250)", "rgba(0, 0, 0, 0)")
        print(f"browser check: dark theme background {background}: " + ("ok" if dark_ok else "FAILED"))
        if not dark_ok:
            failures.append("dark")
        # The watch itself: an inline script the policy must block, and the check must see blocked.
        browser.evaluate("var s = document.createElement('script'); s.textContent = 'window.x = 1'; "
                         "document.body.appendChild(s); 1")
        time.sleep(0.2)
        browser.call("Runtime.evaluate", expression="1")
        seen = browser.problems()
        watch_ok = any("Content Security Policy" in p or "Content-Security-Policy" in p for p in seen)
        print("browser check: an injected inline script is blocked and reported: " + ("ok" if watch_ok else f"FAILED {seen}"))
        if not watch_ok:
            failures.append("csp-watch")
        leftover = browser.problems()
        if leftover:
            print(f"browser check: problems: {leftover}")
            failures.append("problems")
    finally:
        browser.close()
    print(f"browser check: {len(pages) + 4 - len(failures)} passed, {len(failures)} failed; screenshots in {shots}")
    sys.exit(1 if failures else 0)



def logged_in(user, password):
    browser = Browser()
    failures = []

    def check(name, ok, detail=""):
        print(f"browser check (logged in): {name}: " + ("ok" if ok else "FAILED") + (f" ({detail})" if detail else ""))
        if not ok:
            failures.append(name)

    try:
        browser.go(base + "/")
        check("the front page sends a reader to the login page", "/login" in (browser.evaluate("location.href") or ""))
        browser.screenshot(os.path.join(shots, "login.png"))
        browser.evaluate(f"document.getElementById('name').value = {json.dumps(user)}; "
                         f"document.getElementById('password').value = {json.dumps(password)}; 1")
        browser.events = [e for e in browser.events if e.get("method") != "Page.loadEventFired"]
        browser.evaluate("document.querySelector('form.login').submit(); 1")
        browser.wait_for("Page.loadEventFired")
        time.sleep(0.3)
        state = browser.evaluate(
            "(function () { var n = document.getElementById('reader-state'); return n && JSON.parse(n.textContent); })()")
        if not state:
            print("browser check (logged in): after logging in: " + str(browser.evaluate("location.href")) + ": "
                  + (browser.evaluate("document.body.innerText") or "")[:300])
        check("logging in leads to the front page with the user's state", bool(state) and state.get("user") == user,
              str(state and state.get("user")))
        check("the personal links show", browser.evaluate("document.documentElement.classList.contains('signed-in')"))
        # The story with the most reports: open one of them, come back: it shows its new reports.
        stories = browser.evaluate(
            "Array.from(document.querySelectorAll('[data-story]')).map(n => "
            "[n.getAttribute('data-story'), Number(n.getAttribute('data-reports'))])")
        story, reports = max(stories, key=lambda s: s[1])
        browser.go(f"{base}/stories/{story}")
        first = browser.evaluate("document.querySelector('[data-article]').getAttribute('data-article')")
        browser.go(f"{base}/articles/{first}")
        browser.key("s")
        time.sleep(0.5)
        starred = browser.evaluate("document.querySelector('article[data-article]').classList.contains('starred')")
        check("s stars the article", starred)
        browser.go(base + "/")
        badge = browser.evaluate(f"(document.querySelector('[data-story=\"{story}\"] .new-reports') || {{}}).textContent")
        check("its story shows the reports not yet read", badge == f"{reports - 1} new reports", str(badge))
        browser.screenshot(os.path.join(shots, "front-logged-in.png"))
        # m on the selected story marks every report read; the page says so.
        position = browser.evaluate(
            f"Array.prototype.indexOf.call(document.querySelectorAll('.item'), "
            f"document.querySelector('[data-story=\"{story}\"]'))")
        for _ in range(position + 1):
            browser.key("j")
        browser.key("m")
        time.sleep(0.5)
        read = browser.evaluate(f"document.querySelector('[data-story=\"{story}\"]').classList.contains('read')")
        check("m marks the whole story read", read)
        browser.go(base + "/?unread=1")
        gone = browser.evaluate(f"document.querySelector('[data-story=\"{story}\"]') === null")
        check("the unread-only front page leaves it out", gone)
        browser.go(base + "/starred")
        check("the starred page lists the article", browser.evaluate(
            f"document.querySelector('[data-article=\"{first}\"]') !== null"))
        browser.screenshot(os.path.join(shots, "starred.png"))
        browser.go(base + "/sources")
        link = browser.evaluate("(document.querySelector('table.sources a[href^=\"/sources/\"]') || {}).href")
        check("the sources page links each source's page", bool(link), str(link))
        if link:
            browser.go(link)
            text = browser.evaluate("document.body.innerText") or ""
            check("a source's page shows its health and articles", "Read fine" in text or "Failing" in text)
            browser.screenshot(os.path.join(shots, "source.png"))
        browser.go(base + "/")
        yesterday = browser.evaluate("(document.querySelector('a[href^=\"/day/\"]') || {}).href")
        browser.go(yesterday)
        text = browser.evaluate("document.body.innerText") or ""
        check("yesterday's front page, with the day before and after", "The front page of" in text
              and "the day before" in text and "the day after" in text)
        browser.screenshot(os.path.join(shots, "day.png"))
        problems = browser.problems()
        check("no console errors or CSP violations", not problems, "; ".join(problems))
    finally:
        browser.close()
    print(f"browser check (logged in): {len(failures)} failed; screenshots in {shots}")
    sys.exit(1 if failures else 0)


if login:
    logged_in(*login)
else:
    main()
