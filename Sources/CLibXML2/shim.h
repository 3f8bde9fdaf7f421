#ifndef FIVEFOLD_CLIBXML2_SHIM_H
#define FIVEFOLD_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so encoding.h pulls in the system's <unicode/ucnv.h>.
   Foundation on Linux carries its own ICU (_FoundationICU); once both are loaded into one module
   (they are as soon as GRDB is a dependency) clang rejects the build: "'UErrorCode' has different
   definitions in different modules". Fivefold never touches libxml2's ICU converter fields (they
   sit at the end of xmlCharEncodingHandler, which Swift only handles by pointer), so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>

/// `xmlFree` is a C global function pointer; Swift 6 rejects it as shared mutable state.
static inline void fivefold_xmlFree(void *p) { xmlFree(p); }
#endif
