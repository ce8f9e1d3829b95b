/// The API's OpenAPI 3.1 document, served at /api/v1/openapi.json. The
/// reader's tests call every route and check each answer against it.
enum OpenAPI {
    static let document = """
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Newsdesk API",
            "version": "1.0.0",
            "description": "Stories with every outlet's report, clean articles, full-text search and the followed sources. Times are ISO 8601 in UTC. Lists go on with the `cursor` the previous answer gave as `next_cursor` (absent on the last page)."
          },
          "servers": [{"url": "/"}],
          "paths": {
            "/api/v1/stories": {
              "get": {
                "summary": "Stories reported recently, the most recently reported first",
                "parameters": [
                  {"name": "since", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{1,6}[mhd]$", "default": "24h"}, "description": "How far back: 90m, 24h, 7d."},
                  {"$ref": "#/components/parameters/limit"},
                  {"name": "cursor", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{1,18}-[0-9]{1,18}$"}, "description": "The previous page's next_cursor."}
                ],
                "responses": {
                  "200": {"description": "A page of stories", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StoriesPage"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}
                }
              }
            },
            "/api/v1/stories/{id}": {
              "get": {
                "summary": "A story and its reports in time order, with why each is in it",
                "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {
                  "200": {"description": "The story", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StoryDetail"}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/articles/{id}": {
              "get": {
                "summary": "A clean article: text, sanitised HTML, findings and revisions",
                "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {
                  "200": {"description": "The article", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/search": {
              "get": {
                "summary": "Full-text search over titles and bodies, the best matches first",
                "parameters": [
                  {"name": "q", "in": "query", "required": true, "schema": {"type": "string", "pattern": "\\\\S"}, "description": "Words (all must match), \\"phrases\\", and prefix* terms; not only spaces."},
                  {"name": "outlet", "in": "query", "schema": {"type": "string"}, "description": "Only this outlet's articles."},
                  {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Only articles from this day on (yyyy-mm-dd, years 1 to 9999)."},
                  {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Only articles up to this day."},
                  {"$ref": "#/components/parameters/limit"},
                  {"name": "cursor", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{1,6}$"}, "description": "The previous page's next_cursor."}
                ],
                "responses": {
                  "200": {"description": "A page of matches", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchPage"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}
                }
              }
            },
            "/api/v1/sources": {
              "get": {
                "summary": "The followed sources and their health",
                "responses": {
                  "200": {"description": "The sources", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SourcesList"}}}}
                }
              },
              "post": {
                "summary": "Follow a feed, or the feeds a site's page names",
                "security": [{"adminToken": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["url"], "properties": {"url": {"type": "string", "format": "uri"}}}}}},
                "responses": {
                  "201": {"description": "The sources now followed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SourcesList"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "413": {"description": "The body is larger than 64 KB", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "415": {"description": "The body is not application/json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "422": {"description": "The address could not be fetched, or names no feed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "502": {"description": "The feed was read but could not be stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }
              },
              "delete": {
                "summary": "Stop following a feed; its articles stay",
                "security": [{"adminToken": []}],
                "parameters": [{"name": "url", "in": "query", "required": true, "schema": {"type": "string"}, "description": "The feed's address, as listed."}],
                "responses": {
                  "204": {"description": "No longer followed"},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/me": {
              "get": {
                "summary": "The user the token belongs to, with their unread articles in all and by source",
                "security": [{"userToken": []}],
                "responses": {
                  "200": {"description": "The user", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}},
                  "401": {"$ref": "#/components/responses/NeedsUser"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/me/items": {
              "get": {
                "summary": "The user's articles in a stream, the newest first, with their read and starred state",
                "security": [{"userToken": []}],
                "parameters": [
                  {"name": "stream", "in": "query", "schema": {"type": "string", "pattern": "^(unread|all|read|starred|source:[1-9][0-9]{0,17}|story:[1-9][0-9]{0,17}|folder:.{1,200})$", "default": "unread"}, "description": "unread, all, read, starred, source:ID, story:ID or folder:NAME."},
                  {"$ref": "#/components/parameters/limit"},
                  {"name": "cursor", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}, "description": "The previous page's next_cursor."}
                ],
                "responses": {
                  "200": {"description": "A page of articles", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemsPage"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/NeedsUser"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/me/read": {
              "post": {
                "summary": "Mark articles, or every report of stories, read (or unread with read: false)",
                "security": [{"userToken": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"articles": {"type": "array", "maxItems": 10000, "items": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}}, "stories": {"type": "array", "maxItems": 1000, "items": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}}, "read": {"type": "boolean", "default": true}}}}}},
                "responses": {
                  "200": {"description": "Marked", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Changed"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/NeedsUser"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "413": {"$ref": "#/components/responses/TooLarge"},
                  "415": {"$ref": "#/components/responses/NotJSON"}
                }
              }
            },
            "/api/v1/me/starred": {
              "post": {
                "summary": "Star (save) articles, or unstar them with starred: false",
                "security": [{"userToken": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["articles"], "properties": {"articles": {"type": "array", "minItems": 1, "maxItems": 10000, "items": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}}, "starred": {"type": "boolean", "default": true}}}}}},
                "responses": {
                  "200": {"description": "Starred", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Changed"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/NeedsUser"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "413": {"$ref": "#/components/responses/TooLarge"},
                  "415": {"$ref": "#/components/responses/NotJSON"}
                }
              }
            },
            "/api/v1/me/mark-all-read": {
              "post": {
                "summary": "Mark everything read up to an article (the newest when not given): what arrives after stays unread",
                "security": [{"userToken": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"through": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}}}}}},
                "responses": {
                  "200": {"description": "Marked", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Changed"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/NeedsUser"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "413": {"$ref": "#/components/responses/TooLarge"},
                  "415": {"$ref": "#/components/responses/NotJSON"}
                }
              }
            },
            "/api/v1/me/searches": {
              "get": {
                "summary": "The user's saved searches, by name",
                "security": [{"userToken": []}],
                "responses": {
                  "200": {"description": "The saved searches", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SavedSearches"}}}},
                  "401": {"$ref": "#/components/responses/NeedsUser"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              },
              "post": {
                "summary": "Save a search under a name (replacing the one of that name)",
                "security": [{"userToken": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["name", "query"], "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "\\\\S"}, "query": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": "\\\\S"}}}}}},
                "responses": {
                  "201": {"description": "Saved", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SavedSearch"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/NeedsUser"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "413": {"$ref": "#/components/responses/TooLarge"},
                  "415": {"$ref": "#/components/responses/NotJSON"}
                }
              }
            },
            "/api/v1/me/searches/{id}": {
              "delete": {
                "summary": "Remove a saved search",
                "security": [{"userToken": []}],
                "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {
                  "204": {"description": "Removed"},
                  "401": {"$ref": "#/components/responses/NeedsUser"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/openapi.json": {
              "get": {
                "summary": "This document",
                "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object", "required": ["openapi", "paths"]}}}}}
              }
            }
          },
          "components": {
            "securitySchemes": {
              "userToken": {"type": "http", "scheme": "bearer", "description": "A user's API token (newsdesk users token NAME), or the reader's session cookie. A desk without users answers these calls 401."},
              "adminToken": {"type": "http", "scheme": "bearer", "description": "The server's --admin-token. A server that listens on loopback only and has no token needs none; one that listens beyond loopback without a token refuses every change (403)."}
            },
            "parameters": {
              "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
              "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
            },
            "responses": {
              "BadRequest": {"description": "The request is not valid", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "NotFound": {"description": "No such thing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Unauthorized": {"description": "The admin token is missing or wrong", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "NeedsUser": {"description": "No user's token was sent, or it was revoked", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "TooLarge": {"description": "The body is larger than the call takes", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "NotJSON": {"description": "The body is not application/json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Forbidden": {"description": "The server listens beyond loopback and has no admin token, so sources cannot be changed over HTTP", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
              "Me": {"type": "object", "required": ["name", "admin", "unread", "unread_by_source"], "properties": {"name": {"type": "string"}, "admin": {"type": "boolean"}, "unread": {"type": "integer", "minimum": 0}, "unread_by_source": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}}}},
              "Item": {"type": "object", "required": ["id", "title", "url", "time", "read", "starred"], "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "url": {"type": "string"}, "outlet": {"type": ["string", "null"]}, "time": {"type": "string", "format": "date-time"}, "story_id": {"type": ["integer", "null"]}, "source_id": {"type": ["integer", "null"]}, "read": {"type": "boolean"}, "starred": {"type": "boolean"}}},
              "ItemsPage": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}, "next_cursor": {"type": "string"}}},
              "Changed": {"type": "object", "required": ["changed"], "properties": {"changed": {"type": "integer", "minimum": 0}}},
              "SavedSearch": {"type": "object", "required": ["id", "name", "query", "created"], "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "query": {"type": "string"}, "created": {"type": "string", "format": "date-time"}}},
              "SavedSearches": {"type": "object", "required": ["searches"], "properties": {"searches": {"type": "array", "items": {"$ref": "#/components/schemas/SavedSearch"}}}},
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}}}},
              "Story": {
                "type": "object",
                "required": ["id", "headline", "first_at", "last_at", "article_count", "outlets", "flagged_count", "lead"],
                "properties": {
                  "id": {"type": "integer"},
                  "headline": {"type": "string", "description": "The first report's headline."},
                  "first_at": {"type": "string", "format": "date-time"},
                  "last_at": {"type": "string", "format": "date-time"},
                  "article_count": {"type": "integer"},
                  "outlets": {"type": "array", "items": {"type": "string"}, "description": "The first reporter first."},
                  "flagged_count": {"type": "integer", "description": "Reports with findings."},
                  "lead": {"type": "string"}
                }
              },
              "StoriesPage": {"type": "object", "required": ["stories"], "properties": {"stories": {"type": "array", "items": {"$ref": "#/components/schemas/Story"}}, "next_cursor": {"type": "string"}}},
              "Report": {
                "type": "object",
                "required": ["article_id", "title", "url", "time", "score", "shared_terms", "revision", "from_feed"],
                "properties": {
                  "article_id": {"type": "integer"},
                  "title": {"type": "string"},
                  "outlet": {"type": "string"},
                  "url": {"type": "string"},
                  "time": {"type": "string", "format": "date-time"},
                  "score": {"type": "number", "description": "The similarity that placed it (0 for the first report)."},
                  "shared_terms": {"type": "array", "items": {"type": "string"}},
                  "copy_of": {"type": "integer", "description": "The article whose copy this is."},
                  "revision": {"type": "integer"},
                  "from_feed": {"type": "boolean"},
                  "adds": {
                    "type": "object", "description": "What this report says that no earlier report did (absent for the first report and for copies).",
                    "required": ["sentences", "figures"],
                    "properties": {"sentences": {"type": "array", "items": {"type": "string"}}, "figures": {"type": "array", "items": {"type": "string"}}}
                  },
                  "lost_figures": {
                    "type": "array", "description": "Numbers the checks found lost in this report, with what other reports say at that point.",
                    "items": {
                      "type": "object", "required": ["excerpt", "elsewhere"],
                      "properties": {
                        "excerpt": {"type": "string"},
                        "elsewhere": {"type": "array", "items": {
                          "type": "object", "required": ["article_id", "outlet", "sentence"],
                          "properties": {"article_id": {"type": "integer"}, "outlet": {"type": "string"}, "sentence": {"type": "string"}, "figure": {"type": "string"}}
                        }}
                      }
                    }
                  }
                }
              },
              "StoryFigure": {
                "type": "object", "required": ["counts", "relation", "values"],
                "properties": {
                  "counts": {"type": "string", "description": "What the figure counts, in the first report's words."},
                  "relation": {"type": "string", "enum": ["same", "update", "contradiction"], "description": "update: the value changed from report to report over time; contradiction: reports give values that cannot all be true."},
                  "values": {"type": "array", "items": {
                    "type": "object", "required": ["written", "outlets", "article_ids"],
                    "properties": {"written": {"type": "string"}, "outlets": {"type": "array", "items": {"type": "string"}, "description": "In time order: the first gave it first."}, "article_ids": {"type": "array", "items": {"type": "integer"}}}
                  }}
                }
              },
              "StoryDetail": {"type": "object", "required": ["story", "reports", "figures"], "properties": {"story": {"$ref": "#/components/schemas/Story"}, "reports": {"type": "array", "items": {"$ref": "#/components/schemas/Report"}}, "figures": {"type": "array", "items": {"$ref": "#/components/schemas/StoryFigure"}, "description": "The figures two reports or more give, disagreements first."}}},
              "Finding": {"type": "object", "required": ["kind", "start", "end", "message"], "properties": {"kind": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}, "message": {"type": "string"}}},
              "Revision": {"type": "object", "required": ["revision", "title", "replaced_at"], "properties": {"revision": {"type": "integer"}, "title": {"type": "string"}, "replaced_at": {"type": "string", "format": "date-time"}}},
              "Article": {
                "type": "object",
                "required": ["id", "url", "title", "fetched", "text", "html", "from_feed", "findings", "revision", "revisions"],
                "properties": {
                  "id": {"type": "integer"},
                  "url": {"type": "string"},
                  "title": {"type": "string"},
                  "byline": {"type": "string"},
                  "published": {"type": "string", "format": "date-time"},
                  "fetched": {"type": "string", "format": "date-time"},
                  "language": {"type": "string"},
                  "outlet": {"type": "string"},
                  "image": {"type": "string"},
                  "text": {"type": "string"},
                  "html": {"type": "string", "description": "Sanitised."},
                  "from_feed": {"type": "boolean"},
                  "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                  "revision": {"type": "integer"},
                  "revisions": {"type": "array", "items": {"$ref": "#/components/schemas/Revision"}},
                  "story_id": {"type": "integer"},
                  "copy_of": {"type": "integer"}
                }
              },
              "Hit": {
                "type": "object",
                "required": ["article_id", "title", "snippet", "time"],
                "properties": {
                  "article_id": {"type": "integer"},
                  "title": {"type": "string"},
                  "snippet": {"type": "string", "description": "The matched words between « and »."},
                  "outlet": {"type": "string"},
                  "time": {"type": "string", "format": "date-time"},
                  "story_id": {"type": "integer"}
                }
              },
              "SearchPage": {"type": "object", "required": ["query", "hits"], "properties": {"query": {"type": "string"}, "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}, "next_cursor": {"type": "string"}}},
              "Source": {
                "type": "object",
                "required": ["id", "url", "next_poll", "failures", "items_seen", "articles_per_day"],
                "properties": {
                  "id": {"type": "integer"},
                  "url": {"type": "string"},
                  "title": {"type": "string"},
                  "site": {"type": "string"},
                  "folder": {"type": "string"},
                  "last_success": {"type": "string", "format": "date-time"},
                  "last_error": {"type": "string"},
                  "last_error_at": {"type": "string", "format": "date-time"},
                  "next_poll": {"type": "string", "format": "date-time"},
                  "failures": {"type": "integer"},
                  "items_seen": {"type": "integer"},
                  "articles_per_day": {"type": "number"}
                }
              },
              "SourcesList": {"type": "object", "required": ["sources"], "properties": {"sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}}}}
            }
          }
        }
        """
}
