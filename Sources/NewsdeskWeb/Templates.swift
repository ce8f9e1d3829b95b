import Mustache
import NewsdeskHTML

/// The reader's pages, as Mustache templates. `{{name}}` escapes; the few
/// `{{{name}}}` take HTML the reader made or sanitised itself.
enum Templates {
    static func library() throws -> MustacheLibrary {
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        var library = MustacheLibrary()
        for (name, text) in all {
            try library.register("{{% CONTENT_TYPE: \(EscapedHTML.name)}}\n" + text, named: name)
        }
        return library
    }

    /// HTML as Mustache escapes it, a byte at a time rather than a character: a tenth of a search page's
    /// time went to the character-by-character escaping.
    struct EscapedHTML: MustacheContentType {
        static let name = "NEWSDESK_HTML"

        func escapeText(_ text: String) -> String { HTMLEscape.all(text) }
    }

    static let all: [String: String] = [
        "top": top, "bottom": bottom, "front": front, "story": story, "article": article, "search": search,
        "sources": sources, "error": error, "storyList": storyList, "login": login,
        "logout": logout, "articles": articles, "searches": searches, "day": day,
    ]

    static let top = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>{{pageTitle}} · {{siteTitle}}</title>
        <link rel="stylesheet" href="/static/site.css?v={{assetVersion}}">
        {{#atom}}<link rel="alternate" type="application/atom+xml" title="{{pageTitle}}" href="{{atom}}">{{/atom}}
        <script src="/static/app.js?v={{assetVersion}}" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header class="site">
        <a class="brand" href="/">{{siteTitle}}</a>
        <nav aria-label="Sections"><ul>
        <li><a href="/"{{#onFront}} aria-current="page"{{/onFront}}>Front page</a></li>
        <li><a href="/search"{{#onSearch}} aria-current="page"{{/onSearch}}>Search</a></li>
        <li><a href="/sources"{{#onSources}} aria-current="page"{{/onSources}}>Sources</a></li>
        <li class="personal"><a href="/starred"{{#onStarred}} aria-current="page"{{/onStarred}}>Starred</a></li>
        <li class="personal"><a href="/searches"{{#onSearches}} aria-current="page"{{/onSearches}}>Saved searches</a></li>
        <li class="personal"><a href="/logout" id="account">Log out</a></li>
        </ul></nav>
        <form class="quick-search" role="search" action="/search" method="get">
        <label for="q-top" class="visually-hidden">Search articles</label>
        <input id="q-top" name="q" type="search" placeholder="Search  ( / )" value="{{query}}" autocomplete="off">
        </form>
        </header>
        <main id="main" tabindex="-1"{{#wide}} class="wide"{{/wide}}>

        """

    static let bottom = """

        </main>
        <footer class="site">
        <p>Newsdesk · every outlet's report of the same story, side by side · keys: <kbd>j</kbd>/<kbd>k</kbd> move, \
        <kbd>o</kbd> open, <kbd>/</kbd> search · logged in: <kbd>m</kbd> read/unread, <kbd>s</kbd> save, \
        <kbd>A</kbd> mark all read</p>
        </footer>
        </body>
        </html>

        """

    static let storyList = """
        <ol class="stories items">
        {{#stories}}
        <li class="story item" data-story="{{id}}" data-reports="{{reports}}">
        <h2><a href="/stories/{{id}}">{{headline}}</a></h2>
        <p class="meta"><span class="count">{{outletCount}} {{outletWord}}</span>: {{outletNames}}\
         · first report <time datetime="{{firstISO}}">{{firstShown}}</time>\
        {{#flagged}} · <span class="flag" title="Some reports show damage from scraping">⚠ findings in {{flagged}} \
        {{flaggedWord}}</span>{{/flagged}}</p>
        <p class="lead">{{lead}}</p>
        </li>
        {{/stories}}
        </ol>
        """

    static let front = """
        {{> top}}
        <h1>{{heading}}</h1>
        {{#hasStories}}
        <p class="intro">{{storyCount}} stories reported since <time datetime="{{sinceISO}}">{{sinceShown}}</time>, \
        the most widely reported and most recent first.</p>
        {{> storyList}}
        {{/hasStories}}
        {{^hasStories}}
        {{#emptyNote}}<p class="empty">{{emptyNote}}</p>{{/emptyNote}}
        {{^emptyNote}}
        <section class="empty">
        <h2>No stories yet</h2>
        <p>Newsdesk has stored nothing in the last day. It polls {{sourceCount}} sources; \
        {{#failing}}{{failing}} of them are failing right now — see <a href="/sources">Sources</a> for each error.{{/failing}}\
        {{^failing}}new articles appear here as soon as they are read.{{/failing}}</p>
        </section>
        {{/emptyNote}}
        {{/hasStories}}
        <p class="feeds"><a href="/feed.atom">Atom feed of this page</a> · <a href="{{yesterday}}">yesterday's front page</a>\
        <span class="personal"> · <a href="/?unread=1">only unread stories</a></span></p>
        {{> bottom}}
        """

    static let story = """
        {{> top}}
        <article class="story-page">
        <h1>{{headline}}</h1>
        <p class="meta">{{reportCount}} {{reportWord}} from {{outletCount}} {{outletWord}}: {{outletNames}} · \
        first <time datetime="{{firstISO}}">{{firstShown}}</time>, last <time datetime="{{lastISO}}">{{lastShown}}</time>\
        {{#firstReporter}} · first reported by <strong>{{firstReporter}}</strong>{{/firstReporter}}</p>
        {{#hasFigures}}
        <section class="figures" aria-labelledby="figures-heading">
        <h2 id="figures-heading">The figures, report by report</h2>
        <table>
        <thead><tr><th scope="col">What</th><th scope="col">Figure — who gives it (first named first)</th></tr></thead>
        <tbody>
        {{#figureRows}}
        <tr{{#contradiction}} class="disagree"{{/contradiction}}{{#update}} class="developed"{{/update}}>
        <td>{{counts}}</td>
        <td>{{#values}}{{#separator}} · {{/separator}}<strong>{{written}}</strong> — {{outlets}}{{/values}}        {{#contradiction}} <span class="mark">the reports disagree</span>{{/contradiction}}        {{#update}} <span class="mark">changed as the story developed</span>{{/update}}</td>
        </tr>
        {{/figureRows}}
        </tbody>
        </table>
        </section>
        {{/hasFigures}}
        <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Every report, in time order</h2>
        <ol class="reports items">
        {{#reports}}
        <li class="report item{{#copy}} copy{{/copy}}" id="a{{id}}" data-article="{{id}}">
        <p class="report-meta"><strong>{{outlet}}</strong> · <time datetime="{{timeISO}}">{{timeShown}}</time>\
        {{#revised}} · revision {{revision}}{{/revised}}{{#fromFeed}} · <span class="note">feed text only</span>{{/fromFeed}}</p>
        <h3><a href="/articles/{{id}}">{{{headlineHTML}}}</a></h3>
        <p class="why">{{why}}</p>
        {{#alsoPublishedBy}}<p class="also">Also published by {{alsoPublishedBy}}.</p>{{/alsoPublishedBy}}
        {{#findingCount}}<p class="flag">⚠ {{findingCount}} {{findingWord}}: {{findingSummary}}</p>{{/findingCount}}
        {{#lost}}
        <div class="lost"><p>⚠ A number is lost here: <q>{{excerpt}}</q></p>
        {{#echoes}}<p class="echo">{{outlet}} says here: <q>{{sentence}}</q>{{#figure}} — <strong>{{figure}}</strong>{{/figure}}         (<a href="/articles/{{id}}">its report</a>)</p>{{/echoes}}
        {{#unmatched}}<p class="echo">No other report says this.</p>{{/unmatched}}
        </div>
        {{/lost}}
        {{#adds}}
        <div class="adds"><p class="adds-label">Adds:</p>
        <ul>{{#sentences}}<li>{{.}}</li>{{/sentences}}</ul>
        {{#figures}}<p class="adds-figures">New figures: {{figures}}</p>{{/figures}}
        </div>
        {{/adds}}
        </li>
        {{/reports}}
        </ol>
        </section>
        {{#reader}}
        <section class="reader" aria-labelledby="reader-heading">
        <h2 id="reader-heading">The most complete report: {{outlet}}</h2>
        <h3>{{title}}</h3>
        <div class="body">{{{bodyHTML}}}</div>
        <p><a href="/articles/{{id}}">The article page</a> · <a href="{{url}}" rel="noopener noreferrer">the original</a></p>
        </section>
        {{/reader}}
        </article>
        {{> bottom}}
        """

    static let article = """
        {{> top}}
        <article class="article-page" data-article="{{id}}">
        <h1>{{title}}</h1>
        <p class="meta"><strong>{{outlet}}</strong>{{#byline}} · {{byline}}{{/byline}} · \
        <time datetime="{{timeISO}}">{{timeShown}}</time>{{#language}} · {{language}}{{/language}}\
        {{#fromFeed}} · <span class="note">the page could not be read; this is the feed's own text</span>{{/fromFeed}}</p>
        <p class="links"><a href="{{url}}" rel="noopener noreferrer">The original</a>\
        {{#storyID}} · <a href="/stories/{{storyID}}">its story{{#storyHeadline}}: {{storyHeadline}}{{/storyHeadline}}</a>{{/storyID}}\
        {{#copyOf}} · the same copy as <a href="/articles/{{copyOf}}">an earlier report</a>{{/copyOf}}</p>
        {{#image}}<figure class="lead-image"><img src="{{image}}" alt="" loading="lazy" referrerpolicy="no-referrer"></figure>{{/image}}
        {{#findingCount}}
        <section class="findings" aria-labelledby="findings-heading">
        <h2 id="findings-heading">⚠ {{findingCount}} {{findingWord}} in this text</h2>
        <ul>{{#findings}}<li><a href="#f{{number}}">{{kind}}</a>: {{message}}</li>{{/findings}}</ul>
        </section>
        {{/findingCount}}
        <div class="body">{{{bodyHTML}}}</div>
        {{#hasRevisions}}
        <section class="revisions" aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">Revisions</h2>
        <p>This is revision {{revision}}. Earlier versions, as the outlet first published them:</p>
        <ol class="items">
        {{#revisions}}
        <li class="item"><p><strong>Revision {{revision}}</strong>, replaced <time datetime="{{replacedISO}}">{{replacedShown}}</time>: \
        {{change}}</p>{{#titleChanged}}<p class="was">Headline was: “{{title}}”</p>{{/titleChanged}}</li>
        {{/revisions}}
        </ol>
        </section>
        {{/hasRevisions}}
        </article>
        {{> bottom}}
        """

    static let search = """
        {{> top}}
        <h1>Search</h1>
        <form class="search-form" role="search" action="/search" method="get">
        <p><label for="q">Words</label>
        <input id="q" name="q" type="search" value="{{query}}" placeholder="earthquake, &quot;prime minister&quot;, elect*"></p>
        <p class="filters"><label for="outlet">Outlet</label>
        <select id="outlet" name="outlet"><option value="">any</option>{{#outlets}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/outlets}}</select>
        <label for="from">From</label> <input id="from" name="from" type="date" value="{{from}}">
        <label for="to">to</label> <input id="to" name="to" type="date" value="{{to}}">
        <button type="submit">Search</button></p>
        </form>
        <p class="hint">Words must all match; "quoted words" match as a phrase; a word ending in * matches as a prefix.</p>
        {{#searched}}
        {{#hasHits}}
        <p class="intro">Results {{firstNumber}}–{{lastNumber}}, grouped by story.
        <a href="{{atom}}">Atom feed of this search</a></p>
        {{#groups}}
        <section class="hit-group">
        <h2>{{#storyID}}<a href="/stories/{{storyID}}">{{heading}}</a>{{/storyID}}{{^storyID}}{{heading}}{{/storyID}}</h2>
        <ol class="hits items">
        {{#hits}}
        <li class="hit item" data-article="{{id}}"><h3><a href="/articles/{{id}}">{{title}}</a></h3>
        <p class="meta">{{outlet}} · <time datetime="{{timeISO}}">{{timeShown}}</time></p>
        <p class="snippet">{{{snippetHTML}}}</p></li>
        {{/hits}}
        </ol>
        </section>
        {{/groups}}
        {{#next}}<p class="more"><a href="{{next}}">More results</a></p>{{/next}}
        {{/hasHits}}
        {{^hasHits}}<p class="empty">Nothing matches {{query}}.</p>{{/hasHits}}
        {{/searched}}
        {{> bottom}}
        """

    static let sources = """
        {{> top}}
        <h1>Sources</h1>
        {{#message}}<p class="notice" role="status">{{message}}</p>{{/message}}
        <p class="intro">{{sourceCount}} sources, {{failingCount}} failing. Each is polled when due; a failing one is tried \
        again, ever more slowly, with its error shown here.</p>
        {{#canEdit}}
        <section class="add" aria-labelledby="add-heading">
        <h2 id="add-heading">Follow a source</h2>
        <form action="/sources" method="post">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="url">A feed, or a site whose page names its feeds</label>
        <input id="url" name="url" type="url" required placeholder="https://www.example.com/">
        {{#needsToken}}<label for="token">Admin token</label> <input id="token" name="token" type="password" required>{{/needsToken}}
        <button type="submit">Follow</button></p>
        </form>
        <form action="/sources/import" method="post" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="opml">Or an OPML file of feeds</label> <input id="opml" name="opml" type="file" accept=".opml,.xml,text/xml" required>
        {{#needsToken}}<label for="token2">Admin token</label> <input id="token2" name="token" type="password" required>{{/needsToken}}
        <button type="submit">Import</button></p>
        </form>
        </section>
        {{/canEdit}}
        {{^canEdit}}{{#adminOnly}}<p class="note">Only an admin may change the sources.</p>{{/adminOnly}}\
        {{^adminOnly}}<p class="note">Changing sources from the web needs an admin token: start <code>newsdesk serve</code> with \
        <code>--admin-token</code>.</p>{{/adminOnly}}{{/canEdit}}
        <p><a href="/sources.opml" download="newsdesk-sources.opml">Download these sources as OPML</a></p>
        <div class="table-wrap">
        <table class="sources">
        <caption class="visually-hidden">Followed sources and their health</caption>
        <thead><tr><th scope="col">Source</th><th scope="col">Health</th><th scope="col">Next poll</th>\
        <th scope="col">Articles a day</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
        <tbody>
        {{#sources}}
        <tr class="item{{#failing}} failing{{/failing}}">
        <td><strong><a href="/sources/{{id}}">{{title}}</a></strong><br><a class="feed-url" href="{{url}}" rel="noopener noreferrer">{{url}}</a></td>
        <td>{{#failing}}<span class="bad">Failing ({{failures}}×)</span> since <time datetime="{{errorISO}}">{{errorShown}}</time>: \
        {{error}}{{/failing}}{{^failing}}{{#successShown}}<span class="good">OK</span>, last read \
        <time datetime="{{successISO}}">{{successShown}}</time>{{/successShown}}{{^successShown}}Not read yet{{/successShown}}{{/failing}}</td>
        <td><time datetime="{{nextISO}}">{{nextShown}}</time></td>
        <td class="number">{{perDay}}</td>
        <td>{{#canEdit}}<form action="/sources/remove" method="post"><input type="hidden" name="csrf" value="{{csrf}}">\
        <input type="hidden" name="url" value="{{url}}">{{#needsToken}}<input name="token" type="password" required \
        aria-label="Admin token" placeholder="token" size="6">{{/needsToken}}<button type="submit" class="remove">Remove</button></form>{{/canEdit}}</td>
        </tr>
        {{/sources}}
        </tbody>
        </table>
        </div>
        {{> bottom}}
        """

    static let error = """
        {{> top}}
        <h1>{{heading}}</h1>
        <p>{{message}}</p>
        <p><a href="/">Back to the front page</a></p>
        {{> bottom}}
        """

    static let login = """
        {{> top}}
        <h1>Log in</h1>
        {{#message}}<p class="notice" role="status">{{message}}</p>{{/message}}
        <form class="login" method="post" action="/login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <p><label for="name">Name</label><br><input id="name" name="name" autocomplete="username" required autofocus></p>
        <p><label for="password">Password</label><br>\
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Log in</button></p>
        </form>
        {{> bottom}}
        """

    static let logout = """
        {{> top}}
        <h1>Log out</h1>
        <form method="post" action="/logout">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p>{{#user}}Logged in as <strong>{{user}}</strong>. {{/user}}<button type="submit">Log out</button></p>
        </form>
        {{> bottom}}
        """

    static let articles = """
        {{> top}}
        <h1>{{heading}}</h1>
        {{#facts}}<p class="meta">{{.}}</p>{{/facts}}
        {{#unreadLink}}<p class="personal"><a href="{{unreadLink}}">Only what I have not read</a></p>{{/unreadLink}}
        {{#hasArticles}}
        <ol class="hits items">
        {{#articles}}
        <li class="hit item" data-article="{{id}}"><h3><a href="/articles/{{id}}">{{title}}</a></h3>
        <p class="meta">{{outlet}} · <time datetime="{{timeISO}}">{{timeShown}}</time>\
        {{#storyID}} · <a href="/stories/{{storyID}}">its story</a>{{/storyID}}</p></li>
        {{/articles}}
        </ol>
        {{/hasArticles}}
        {{^hasArticles}}<p class="empty">{{empty}}</p>{{/hasArticles}}
        {{#atom}}<p class="feeds"><a href="{{atom}}">Atom feed of this page</a></p>{{/atom}}
        {{> bottom}}
        """

    static let searches = """
        {{> top}}
        <h1>Saved searches</h1>
        {{#message}}<p class="notice" role="status">{{message}}</p>{{/message}}
        {{#hasSearches}}
        <ul class="items">
        {{#searches}}
        <li class="item"><a href="/searches/{{id}}">{{name}}</a> · <span class="meta">{{query}}</span> · \
        <a href="{{unreadLink}}">unread</a> · <a href="/searches/{{id}}/feed.atom">Atom</a>
        <form class="inline" method="post" action="/searches/remove"><input type="hidden" name="csrf" value="{{csrf}}">\
        <input type="hidden" name="id" value="{{id}}"><button type="submit">Remove</button></form></li>
        {{/searches}}
        </ul>
        {{/hasSearches}}
        {{^hasSearches}}<p class="empty">No saved searches yet.</p>{{/hasSearches}}
        <h2>Save a search</h2>
        <form method="post" action="/searches">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="search-name">Name</label> <input id="search-name" name="name" required maxlength="100">
        <label for="search-q">Words</label> <input id="search-q" name="q" required value="{{q}}">
        <button type="submit">Save</button></p>
        </form>
        {{> bottom}}
        """

    static let day = """
        {{> top}}
        <h1>{{heading}}</h1>
        <p class="pager"><a href="{{previous}}" rel="prev">← the day before</a>\
        {{#next}} · <a href="{{next}}" rel="next">the day after →</a>{{/next}}</p>
        {{#hasStories}}
        <p class="intro">{{storyCount}} stories first reported that day (UTC), the most widely reported first.</p>
        {{> storyList}}
        {{/hasStories}}
        {{^hasStories}}<p class="empty">No story was first reported that day.</p>{{/hasStories}}
        {{> bottom}}
        """
}
