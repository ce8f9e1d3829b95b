/// The reader's only assets: one style sheet and one small script, served
/// from memory. The pages work without the script; it adds the keys.
enum Assets {
    /// Changes whenever an asset does, so browsers may keep them for a year.
    static let version = "5"

    static let css = """
        :root {
          --text: #1d1d1f; --muted: #5a5a60; --background: #fcfcfa; --surface: #f1f0ec; --line: #d9d7d0;
          --accent: #0b5cad; --accent-text: #ffffff; --flag: #8a4b00; --flag-background: #fff3df;
          --good: #1e6b34; --bad: #a32020; --mark: #ffe58a; --focus: #d9480f;
          --measure: 44rem;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e9e7e2; --muted: #a9a7a1; --background: #161617; --surface: #232325; --line: #3a3a3d;
            --accent: #7cb8ff; --accent-text: #0b1220; --flag: #ffc46b; --flag-background: #3a2a10;
            --good: #7fd492; --bad: #ff8a80; --mark: #6b5800; --focus: #ffa94d;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--background); color: var(--text);
          font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif;
        }
        a { color: var(--accent); text-underline-offset: 0.15em; }
        a:hover { text-decoration-thickness: 2px; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
        .skip { position: absolute; left: -999px; top: 0.5rem; background: var(--accent); color: var(--accent-text);
          padding: 0.5rem 1rem; z-index: 10; }
        .skip:focus { left: 0.5rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
          white-space: nowrap; }
        header.site {
          display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
          padding: 0.75rem max(1rem, calc((100% - var(--measure)) / 2)); border-bottom: 1px solid var(--line);
          background: var(--surface);
        }
        .brand { font-weight: 800; font-size: 1.25rem; letter-spacing: -0.01em; color: var(--text);
          text-decoration: none; }
        header nav ul { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
        header nav a { color: var(--text); text-decoration: none; padding: 0.25rem 0; }
        header nav a[aria-current="page"] { border-bottom: 3px solid var(--accent); }
        .quick-search { margin-left: auto; }
        input, select, button { font: inherit; color: inherit; }
        input[type="search"], input[type="url"], input[type="date"], input[type="password"], select {
          background: var(--background); border: 1px solid var(--line); border-radius: 6px; padding: 0.3rem 0.5rem;
        }
        .quick-search input { width: 12rem; }
        button { background: var(--accent); color: var(--accent-text); border: 0; border-radius: 6px;
          padding: 0.35rem 0.9rem; cursor: pointer; }
        button.remove { background: transparent; color: var(--bad); border: 1px solid var(--line); padding: 0.2rem 0.6rem; }
        main { max-width: var(--measure); margin: 0 auto; padding: 1rem 1rem 3rem; }
        main:focus { outline: none; }
        main.wide { max-width: 64rem; }
        .add p { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
        .add input[type="url"] { flex: 1 1 18rem; }
        h1 { font-size: 1.9rem; line-height: 1.2; letter-spacing: -0.015em; margin: 1rem 0 0.5rem; }
        h2 { font-size: 1.3rem; line-height: 1.3; margin: 1.75rem 0 0.5rem; }
        h3 { font-size: 1.1rem; line-height: 1.35; margin: 0.25rem 0; }
        .intro, .meta, .report-meta, .why, .hint, .also, footer { color: var(--muted); }
        .meta, .report-meta, .why, .also { font-size: 0.92rem; margin: 0.25rem 0; }
        ol.items { list-style: none; margin: 0; padding: 0; }
        .item { padding: 0.85rem 0.75rem; margin: 0 -0.75rem; border-bottom: 1px solid var(--line); border-radius: 6px; }
        .item.selected { background: var(--surface); box-shadow: inset 4px 0 0 var(--accent); }
        .story h2 { margin: 0 0 0.2rem; font-size: 1.2rem; }
        .story h2 a, .report h3 a, .hit h3 a { color: var(--text); text-decoration: none; }
        .story h2 a:hover, .report h3 a:hover, .hit h3 a:hover { color: var(--accent); text-decoration: underline; }
        .count { font-weight: 700; color: var(--text); }
        .lead { margin: 0.3rem 0 0; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
          overflow: hidden; }
        .flag { color: var(--flag); background: var(--flag-background); border-radius: 4px; padding: 0 0.3rem; }
        .figures table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
        .figures th, .figures td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); }
        .figures tr.disagree td { background: var(--flag-background); }
        .figures .mark { font-size: 0.85rem; color: var(--flag); white-space: nowrap; }
        .figures tr.developed .mark { color: var(--muted); }
        .adds, .lost { margin: 0.4rem 0 0.2rem; font-size: 0.92rem; }
        .adds-label { margin: 0; font-weight: bold; }
        .adds ul { margin: 0.1rem 0 0.2rem 1.2rem; padding: 0; }
        .lost { border-left: 3px solid var(--flag); padding-left: 0.6rem; }
        .lost p { margin: 0.2rem 0; }
        .signed-in .report.item.read .adds { display: none; }
        .note { font-style: italic; }
        .report.copy { border-left: 3px dashed var(--line); }
        ins.changed { text-decoration: none; background: var(--mark); border-radius: 3px; padding: 0 0.1rem; }
        .reader, .findings, .revisions { margin-top: 2rem; padding-top: 0.5rem; border-top: 3px double var(--line); }
        .body p { margin: 0 0 1em; }
        .body img { max-width: 100%; height: auto; }
        .body blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid var(--line); color: var(--muted); }
        mark, mark.finding { background: var(--mark); color: inherit; border-radius: 3px; padding: 0 0.1rem; }
        mark.finding { outline: 2px solid var(--flag); }
        .lead-image { margin: 1rem 0; }
        .lead-image img { max-width: 100%; height: auto; border-radius: 6px; }
        .was { color: var(--muted); margin: 0.2rem 0 0; }
        .search-form p { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
        .search-form #q { flex: 1 1 18rem; }
        .snippet { margin: 0.2rem 0 0; }
        .hit-group h2 { font-size: 1.15rem; }
        .table-wrap { overflow-x: auto; }
        table.sources { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
        table.sources th, table.sources td { text-align: left; vertical-align: top; padding: 0.5rem 0.4rem;
          border-bottom: 1px solid var(--line); }
        table.sources td.number { text-align: right; }
        .feed-url { font-size: 0.85rem; word-break: break-all; }
        .good { color: var(--good); font-weight: 700; }
        .bad { color: var(--bad); font-weight: 700; }
        tr.failing td:first-child { box-shadow: inset 4px 0 0 var(--bad); }
        .notice { background: var(--surface); padding: 0.5rem 0.75rem; border-radius: 6px; }
        .empty { padding: 1rem; background: var(--surface); border-radius: 8px; }
        footer.site { max-width: var(--measure); margin: 0 auto; padding: 1rem; font-size: 0.85rem;
          border-top: 1px solid var(--line); }
        kbd { font: 0.8rem ui-monospace, monospace; border: 1px solid var(--line); border-radius: 3px; padding: 0 0.25rem; }
        .personal { display: none; }
        .signed-in .personal { display: revert; }
        .signed-in .item.read h2 a, .signed-in .item.read h3 a { color: var(--muted); font-weight: normal; }
        .new-reports { margin-left: 0.5rem; font-size: 0.8rem; padding: 0.05rem 0.4rem; border-radius: 4px;
          background: var(--accent); color: var(--accent-text); vertical-align: middle; }
        .item.starred h2::after, .item.starred h3::after, article.starred h1::after { content: " ★"; color: var(--flag); }
        form.inline { display: inline; }
        .pager { font-size: 0.95rem; }
        @media (max-width: 40rem) {
          body { font-size: 1rem; }
          h1 { font-size: 1.5rem; }
          .quick-search { margin-left: 0; width: 100%; }
          .quick-search input { width: 100%; }
          table.sources th:nth-child(3), table.sources td:nth-child(3) { display: none; }
        }

        """

    /// j/k move through the page's items, o opens the selected one, / goes to the search box.
    static let javascript = """
        "use strict";
        (function () {
          var items = [];
          var current = -1;
          function collect() { items = Array.prototype.slice.call(document.querySelectorAll(".item")); }
          function select(index) {
            if (!items.length) { return; }
            index = Math.max(0, Math.min(items.length - 1, index));
            if (current >= 0 && items[current]) { items[current].classList.remove("selected"); }
            current = index;
            var item = items[current];
            item.classList.add("selected");
            var link = item.querySelector("a");
            if (link) { link.focus({ preventScroll: true }); }
            item.scrollIntoView({ block: "nearest" });
          }
          // A logged-in reader's state of the page (a JSON data block the server adds): what is read, what
          // is new in each story, what is starred.
          var state = null;
          function loadState() {
            var node = document.getElementById("reader-state");
            if (!node) { return; }
            try { state = JSON.parse(node.textContent); } catch (error) { return; }
            document.documentElement.classList.add("signed-in");
            var account = document.getElementById("account");
            if (account) { account.textContent = "Log out " + state.user; }
            show();
          }
          function show() {
            var read = new Set(state.read), starred = new Set(state.starred);
            document.querySelectorAll("[data-article]").forEach(function (node) {
              var id = Number(node.getAttribute("data-article"));
              node.classList.toggle("read", read.has(id));
              node.classList.toggle("starred", starred.has(id));
            });
            document.querySelectorAll("[data-story]").forEach(function (node) {
              var unread = state.stories[node.getAttribute("data-story")] || 0;
              var reports = Number(node.getAttribute("data-reports")) || 0;
              node.classList.toggle("read", unread === 0);
              var badge = node.querySelector(".new-reports");
              if (unread > 0 && unread < reports) {
                if (!badge) {
                  badge = document.createElement("span");
                  badge.className = "new-reports";
                  var heading = node.querySelector("h2");
                  if (heading) { heading.appendChild(badge); }
                }
                badge.textContent = unread === 1 ? "1 new report" : unread + " new reports";
              } else if (badge) { badge.remove(); }
            });
          }
          function post(path, body) {
            return fetch(path, { method: "POST", credentials: "same-origin",
              headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
          }
          function chosen() {
            if (current >= 0 && items[current]) { return items[current]; }
            return document.querySelector("article[data-article]");
          }
          function toggleRead() {
            var node = chosen();
            if (!node) { return; }
            var read = !node.classList.contains("read");
            if (node.hasAttribute("data-story")) {
              var story = node.getAttribute("data-story");
              post("/api/v1/me/read", { stories: [Number(story)], read: read }).then(function (answer) {
                if (answer.ok) { state.stories[story] = read ? 0 : Number(node.getAttribute("data-reports")); show(); }
              });
            } else if (node.hasAttribute("data-article")) {
              var id = Number(node.getAttribute("data-article"));
              post("/api/v1/me/read", { articles: [id], read: read }).then(function (answer) {
                if (!answer.ok) { return; }
                state.read = state.read.filter(function (other) { return other !== id; });
                if (read) { state.read.push(id); }
                show();
              });
            }
          }
          function toggleStar() {
            var node = chosen();
            if (!node || !node.hasAttribute("data-article")) { return; }
            var id = Number(node.getAttribute("data-article"));
            var starred = !node.classList.contains("starred");
            post("/api/v1/me/starred", { articles: [id], starred: starred }).then(function (answer) {
              if (!answer.ok) { return; }
              state.starred = state.starred.filter(function (other) { return other !== id; });
              if (starred) { state.starred.push(id); }
              show();
            });
          }
          function markAllRead() {
            if (!window.confirm("Mark everything up to now read?")) { return; }
            post("/api/v1/me/mark-all-read", { through: state.through }).then(function (answer) {
              if (answer.ok) { window.location.reload(); }
            });
          }
          document.addEventListener("keydown", function (event) {
            var target = event.target;
            var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
              target.tagName === "SELECT" || target.isContentEditable);
            if (event.altKey || event.ctrlKey || event.metaKey) { return; }
            if (typing) {
              if (event.key === "Escape") { target.blur(); }
              return;
            }
            if (event.key === "j") { select(current + 1); event.preventDefault(); }
            else if (event.key === "k") { select(current - 1); event.preventDefault(); }
            else if (event.key === "o" || event.key === "Enter") {
              if (current >= 0) {
                var link = items[current].querySelector("a");
                if (link) { window.location.href = link.href; event.preventDefault(); }
              }
            } else if (state && event.key === "m") { toggleRead(); event.preventDefault(); }
            else if (state && event.key === "s") { toggleStar(); event.preventDefault(); }
            else if (state && event.key === "A") { markAllRead(); event.preventDefault(); }
            else if (event.key === "/") {
              var box = document.getElementById("q") || document.getElementById("q-top");
              if (box) { box.focus(); box.select(); event.preventDefault(); }
            }
          });
          document.addEventListener("DOMContentLoaded", function () { collect(); loadState(); });
          if (document.readyState !== "loading") { collect(); loadState(); }
        })();

        """
}
