#include <libxml/xmlversion.h>
/* libxml2's headers pull in the system ICU when it was built with ICU, which
   clashes with the ICU that Foundation carries. Newsdesk uses no ICU-related
   libxml2 API (charset conversion happens before parsing), so hide it. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
