#ifndef FIVEFOLD_CZLIB_SHIM_H
#define FIVEFOLD_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro; window bits 15 + 32 auto-detect gzip and zlib headers.
static inline int fivefold_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}

/// `deflateInit2` is a macro; window bits -15 give raw deflate (the caller writes the gzip
/// header and trailer itself, so the bytes do not depend on the platform's OS code).
static inline int fivefold_deflateInit2(z_streamp strm, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, memLevel, strategy);
}
#endif
