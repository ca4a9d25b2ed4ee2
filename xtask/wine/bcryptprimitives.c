/*
 * A stand-in for Windows' bcryptprimitives.dll, for running Hane's Windows test binaries
 * under Wine only (never shipped). Rust's std asks this DLL for ProcessPrng, which Wine
 * 8.0 (Debian 12) does not provide, so every Rust program fails to start there. This one
 * forwards to RtlGenRandom (advapi32's SystemFunction036), the system CSPRNG Wine has.
 * Built by `cargo xtask test` with mingw-w64 into the test Wine prefix's system32.
 */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
