/* SPDX-License-Identifier: ISC */
/*
 * Allocation failures inside the libraries (cairo, pango, fontconfig,
 * freetype, harfbuzz, libyaml, libxml2, libqpdf…), not only in utilab's
 * own ul_xmalloc (lib/fault covers those): an LD_PRELOAD shim over
 * malloc, calloc, realloc, posix_memalign, aligned_alloc and memalign.
 *
 *   UL_LIBFAULT=N      the Nth allocation after main() starts fails
 *                      (returns NULL, errno ENOMEM), every other succeeds
 *   UL_LIBFAULT=count  nothing fails; the number of allocations after
 *                      main() started is written at exit to the file
 *                      named by UL_LIBFAULT_OUT (standard error otherwise)
 *
 * The start marker is main() itself (the shim wraps __libc_start_main):
 * what the C runtime and the libraries' constructors allocate before it
 * is the loader's business, not the program's.
 *
 * A run must be repeatable: UL_LIBFAULT=N has to fail the same
 * allocation every time, or a failure found cannot be replayed. Threads
 * break that, and pango 1.50 starts some (pangofc-fontmap.c): FcInit()
 * in "[pango] FcInit", and, for each new font pattern, FcFontSetMatch()
 * and FcFontSetSort() in two threads that race; the main thread takes
 * whichever answer comes first, and the sort's answer costs it an
 * FcFontRenderPrepare() the match's does not. So, unless
 * UL_LIBFAULT_THREADS=all (every thread counted and failed, threads left
 * alone: a wider look, not repeatable):
 *   - only the main thread's allocations are counted and failed;
 *   - fontconfig's default configuration is loaded before main() (as the
 *     loader's, uncounted), so the FcInit thread finds it done;
 *   - pango's match and sort threads run to their end inside
 *     g_thread_new(), on the calling thread, match first: the main thread
 *     always gets the match, as on a machine where the match wins.
 *
 * Allocations asked for by the libraries named in UL_LIBFAULT_SPARE
 * (substrings of their file names, separated by ':'; "libglib-2.0" when
 * unset) are counted but never failed: the Nth allocation is then the
 * next one that is not theirs. They are recognised by the caller's
 * address, in that library's code: the first caller on the stack that
 * is not the C library (fontconfig's strdup() is fontconfig's). This is for libraries that end the
 * process on an allocation failure by contract (GLib's g_malloc: "If any
 * call to allocate memory fails, the application is terminated"; Rust's
 * default allocation error handler in librsvg), so that a failure there
 * would only test their documented abort. UL_LIBFAULT_SPARE= (empty)
 * spares none.
 *
 * A test helper: never linked into utilab, never installed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static long fail_at;		/* 0: never */
static int counting;		/* UL_LIBFAULT=count */
static volatile int started;	/* main() has been entered */
static long seen;
static int show_stack;		/* UL_LIBFAULT_BT=1 */
static __thread int busy;	/* inside the shim's own calls (dladdr) */
static __thread int main_thread;	/* set in main(); 0 in other threads */
static int all_threads;		/* UL_LIBFAULT_THREADS=all */

static void *
nothing(void *unused)
{
	(void)unused;
	return NULL;
}

/* The spared libraries' code, found once main() starts. */
#define MAX_SPARED 64
struct range { const char *lo, *hi; };
static struct range spared[MAX_SPARED], libc[8], self[8], loader[8];
static int nspared, nlibc, nself, nloader;

static int
in(const struct range *r, int n, const void *addr)
{
	const char *c = addr;
	for (int i = 0; i < n; i++)
		if (c >= r[i].lo && c < r[i].hi)
			return 1;
	return 0;
}

/* Whether the allocation is a spared library's, from the stack. */
static int
from_spared(const void *caller)
{
	void *frames[16];
	int n;

	if (!nspared)
		return 0;
	if (!in(libc, nlibc, caller))
		return in(spared, nspared, caller);
	busy = 1;
	n = backtrace(frames, 16);
	busy = 0;
	/* The first frame out of this shim and of libc decides. */
	for (int i = 0; i < n; i++) {
		if (in(libc, nlibc, frames[i]) || in(self, nself, frames[i]))
			continue;
		return in(spared, nspared, frames[i]);
	}
	return 0;
}

/*
 * UL_LIBFAULT_TRACE=FILE: each counted allocation as "N object+offset",
 * to find where two runs part (diff the files of two runs).
 */
static int trace_fd = -1;

static void
trace(long n, const void *caller)
{
	Dl_info info;
	char line[512];
	int len;

	busy = 1;
	if (dladdr(caller, &info) && info.dli_fname) {
		const char *base = strrchr(info.dli_fname, '/');
		len = snprintf(line, sizeof(line), "%ld %s+%#lx\n", n,
			       base ? base + 1 : info.dli_fname,
			       (unsigned long)((const char *)caller -
					       (const char *)info.dli_fbase));
	} else
		len = snprintf(line, sizeof(line), "%ld ?\n", n);
	if (len > 0 && write(trace_fd, line, (size_t)len) < 0) {
		/* nothing to do */
	}
	busy = 0;
}

/* Whether this allocation, asked for from caller, must fail. */
static int
must_fail(const void *caller)
{
	if (!started || busy || (!main_thread && !all_threads))
		return 0;
	/*
	 * The dynamic loader's own (thread-local storage, grown when pango's
	 * threads come and go and their stacks are reused or not) vary from
	 * run to run, and are the loader's business anyway.
	 */
	if (in(loader, nloader, caller))
		return 0;
	long n = __atomic_add_fetch(&seen, 1, __ATOMIC_RELAXED);
	if (trace_fd >= 0)
		trace(n, caller);
	if (fail_at <= 0 || n != fail_at)
		return 0;
	if (from_spared(caller)) {
		/* Not this one: the next allocation that is not theirs. */
		__atomic_add_fetch(&fail_at, 1, __ATOMIC_RELAXED);
		return 0;
	}
	if (show_stack) {
		void *frames[32];
		busy = 1;
		int n = backtrace(frames, 32);
		(void)!write(2, "libfault: this allocation fails:\n", 33);
		backtrace_symbols_fd(frames, n, 2);
		busy = 0;
	}
	return 1;
}

void *
malloc(size_t n)
{
	if (must_fail(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *
calloc(size_t n, size_t k)
{
	if (must_fail(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, k);
}

void *
realloc(void *p, size_t n)
{
	/* realloc(p, 0) frees: never a failure to inject. */
	if (n && must_fail(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n);
}

void *
memalign(size_t align, size_t n)
{
	if (must_fail(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_memalign(align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
	if (must_fail(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_memalign(align, n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
	if (must_fail(__builtin_return_address(0)))
		return ENOMEM;
	void *p = __libc_memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

static void
report(void)
{
	const char *out = getenv("UL_LIBFAULT_OUT");
	FILE *fp;
	char line[64];
	int len = snprintf(line, sizeof(line), "%ld\n", seen);

	busy = 1;
	if (out && (fp = fopen(out, "w"))) {
		fputs(line, fp);
		fclose(fp);
	} else if (write(2, line, (size_t)len) < 0) {
		/* nothing to do */
	}
}

/*
 * The executable mappings, from /proc/self/maps, of the objects whose
 * path holds one of the names in list (':'-separated). Libraries loaded
 * later (dlopen'ed modules) are not seen: name only linked ones.
 */
static void
find_spared(const char *list)
{
	FILE *maps;
	char line[1024];

	if (!(maps = fopen("/proc/self/maps", "r")))
		return;
	while (fgets(line, sizeof(line), maps) && nspared < MAX_SPARED) {
		unsigned long lo, hi;
		char perms[8];
		const char *path = strchr(line, '/');
		if (!path || sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3 ||
		    perms[2] != 'x')
			continue;
		if (strstr(path, "/libc.so") && nlibc < 8) {
			libc[nlibc].lo = (const char *)lo;
			libc[nlibc++].hi = (const char *)hi;
			continue;
		}
		if (strstr(path, "/ld-linux") && nloader < 8) {
			loader[nloader].lo = (const char *)lo;
			loader[nloader++].hi = (const char *)hi;
			continue;
		}
		if (strstr(path, "libfault.so") && nself < 8) {
			self[nself].lo = (const char *)lo;
			self[nself++].hi = (const char *)hi;
			continue;
		}
		for (const char *p = list; *p;) {
			size_t n = strcspn(p, ":");
			char name[256];
			if (n && n < sizeof(name)) {
				memcpy(name, p, n);
				name[n] = '\0';
				if (strstr(path, name)) {
					spared[nspared].lo = (const char *)lo;
					spared[nspared].hi = (const char *)hi;
					nspared++;
					break;
				}
			}
			p += n + (p[n] == ':');
		}
	}
	fclose(maps);
}

/* UL_LIBFAULT_BT=1: a crash prints its stack first (to find who). */
static void
on_crash(int sig)
{
	void *frames[48];
	int n = backtrace(frames, 48);

	backtrace_symbols_fd(frames, n, 2);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * GLib's g_thread_new(), for pango's font threads: their function runs
 * here, now, on the caller's thread; a thread that does nothing stands in
 * for the one pango asked for (it only unrefs it). Other threads are
 * started as asked.
 */
typedef void *(*thread_fn)(void *);
void *
g_thread_new(const char *name, thread_fn fn, void *data)
{
	static void *(*real)(const char *, thread_fn, void *);
	static void *(*real_ref)(void *), *(*real_join)(void *);

	if (!real) {
		real_ref = (void *(*)(void *))dlsym(RTLD_NEXT, "g_thread_ref");
		real_join = (void *(*)(void *))dlsym(RTLD_NEXT, "g_thread_join");
		real = (void *(*)(const char *, thread_fn, void *))
			dlsym(RTLD_NEXT, "g_thread_new");
	}
	if (!all_threads && name && strncmp(name, "[pango] FcFontSet", 17) == 0) {
		fn(data);
		/*
		 * Joined before pango has it: else whoever of pango and the
		 * ending thread drops its reference last frees the thread's
		 * record, into its own GSlice magazine, and the main thread's
		 * next refills come earlier or later from run to run.
		 */
		void *t = real(name, nothing, NULL);
		if (t) {
			real_ref(t);
			real_join(t);
		}
		return t;
	}
	return real(name, fn, data);
}

typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;

static int
marked_main(int argc, char **argv, char **envp)
{
	const char *e = getenv("UL_LIBFAULT");

	busy = 1;
	if (e && strcmp(e, "count") == 0) {
		counting = 1;
		atexit(report);
	} else if (e)
		fail_at = strtol(e, NULL, 10);
	if ((e = getenv("UL_LIBFAULT_TRACE")) && *e)
		trace_fd = open(e, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	e = getenv("UL_LIBFAULT_THREADS");
	all_threads = e && strcmp(e, "all") == 0;
	main_thread = 1;
	int (*fc_init)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "FcInit");
	if (!all_threads && fc_init)
		fc_init();
	e = getenv("UL_LIBFAULT_SPARE");
	find_spared(e ? e : "libglib-2.0");
	/* backtrace() loads libgcc's unwinder on its first call: now. */
	void *frame;
	backtrace(&frame, 1);
	if ((e = getenv("UL_LIBFAULT_BT")) && *e == '1') {
		show_stack = 1;
		signal(SIGSEGV, on_crash);
		signal(SIGABRT, on_crash);
	}
	busy = 0;
	started = 1;
	return real_main(argc, argv, envp);
}

int
__libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
		  void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	int (*real)(main_fn, int, char **, void (*)(void), void (*)(void),
		    void (*)(void), void *) =
		(int (*)(main_fn, int, char **, void (*)(void), void (*)(void),
			 void (*)(void), void *))dlsym(RTLD_NEXT, "__libc_start_main");

	real_main = main;
	return real(marked_main, argc, argv, init, fini, rtld_fini, stack_end);
}
