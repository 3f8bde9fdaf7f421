#ifndef FIVEFOLD_CLIBXML2_SHIM_H
#define FIVEFOLD_CLIBXML2_SHIM_H
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>

/// `xmlFree` is a C global function pointer; Swift 6 rejects it as shared mutable state.
static inline void fivefold_xmlFree(void *p) { xmlFree(p); }
#endif
