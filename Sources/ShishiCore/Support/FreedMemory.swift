#if canImport(Glibc)
    /// glibc's `int malloc_trim(size_t pad)` (malloc.h, which the Glibc module does not export).
    @_silgen_name("malloc_trim")
    private func malloc_trim(_ pad: Int) -> Int32
#endif

/// Hands memory freed by a finished phase back to the system.
///
/// Reading a large roster or log makes and frees millions of small allocations, many on worker
/// threads' own heaps; the C allocator keeps those pages for reuse, so the process would carry
/// the phase's peak into the next. Between phases of a long count this returns them.
public enum FreedMemory {
    /// Returns freed heap pages to the system where the C library allows it.
    public static func release() {
        #if canImport(Glibc)
            _ = malloc_trim(0)
        #endif
    }
}
