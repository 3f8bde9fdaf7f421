#ifndef FIVEFOLD_CFILESYSTEM_SHIM_H
#define FIVEFOLD_CFILESYSTEM_SHIM_H
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

/// Atomically exchanges two paths (Linux `renameat2(…, RENAME_EXCHANGE)`): both must exist, and
/// afterwards each name points at what the other did. Returns 0, or -1 with errno set (ENOSYS
/// where the kernel or platform lacks it, EINVAL where the file system does not support it).
/// glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module is not built
/// with, so this goes through syscall(2).
static inline int fivefold_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */);
#else
    (void)from; (void)to;
    errno = ENOSYS;
    return -1;
#endif
}
#endif
