#ifndef FIVEFOLD_CZLIB_SHIM_H
#define FIVEFOLD_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro; window bits 15 + 32 auto-detect gzip and zlib headers.
static inline int fivefold_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
#endif
