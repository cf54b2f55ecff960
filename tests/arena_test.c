/* tests/arena_test.c: the core's per-request bump allocator. */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/arena.h"

Test(arena, allocations_are_aligned_and_distinct)
{
	neri_arena a;
	char      *p, *q;

	neri_arena_init(&a, 0);
	p = neri_arena_alloc(&a, 3);
	q = neri_arena_alloc(&a, 0);
	cr_assert_not_null(p);
	cr_assert_not_null(q);
	cr_assert_neq(p, q);
	cr_assert_eq((uintptr_t) p % alignof(max_align_t), 0);
	cr_assert_eq((uintptr_t) q % alignof(max_align_t), 0);
	neri_arena_fini(&a);
}

Test(arena, large_and_many_allocations_keep_their_contents)
{
	neri_arena a;
	char      *big;
	char      *small[1000];
	size_t     i;

	neri_arena_init(&a, 0);
	for (i = 0; i < 1000; i++) {
		small[i] = neri_arena_alloc(&a, 100);
		cr_assert_not_null(small[i]);
		memset(small[i], (int) (i & 0xff), 100);
	}
	big = neri_arena_alloc(&a, 5 * 1024 * 1024);
	cr_assert_not_null(big);
	memset(big, 0x5a, 5 * 1024 * 1024);
	for (i = 0; i < 1000; i++) {
		cr_assert_eq((unsigned char) small[i][99], i & 0xff);
	}
	neri_arena_fini(&a);
}

Test(arena, limit_refuses_allocations_past_it)
{
	neri_arena a;

	neri_arena_init(&a, 1024);
	cr_assert_not_null(neri_arena_alloc(&a, 512));
	cr_assert_null(neri_arena_alloc(&a, 1024));
	cr_assert_not_null(neri_arena_alloc(&a, 256));
	cr_assert_null(neri_arena_alloc(&a, SIZE_MAX));
	neri_arena_fini(&a);
}

Test(arena, strings_are_copied_with_a_terminator)
{
	neri_arena a;
	char      *s;

	neri_arena_init(&a, 0);
	s = neri_arena_strndup(&a, "Lavrov said", 6);
	cr_assert_str_eq(s, "Lavrov");
	cr_assert_str_eq(neri_arena_strdup(&a, "BRICS"), "BRICS");
	cr_assert_null(neri_arena_strdup(&a, NULL));
	neri_arena_fini(&a);
	/* reusable after fini */
	cr_assert_not_null(neri_arena_alloc(&a, 8));
	neri_arena_fini(&a);
}

Test(arena, reset_keeps_one_chunk_and_reuses_it)
{
	neri_arena a;
	char      *first, *again, *p;
	size_t     i;

	neri_arena_init(&a, 0);
	first = neri_arena_alloc(&a, 100);
	for (i = 0; i < 100; i++) {
		p = neri_arena_alloc(&a, 1000); /* several chunks */
		cr_assert_not_null(p);
		memset(p, 0x11, 1000);
	}
	neri_arena_reset(&a, (size_t) 1024 * 1024);
	cr_assert_eq(a.total, 0);
	again = neri_arena_alloc(&a, 100);
	cr_assert_not_null(again);
	cr_assert_neq(again, first); /* the largest chunk, not the first */
	/* The kept chunk serves the next allocations from where it starts. */
	p = neri_arena_alloc(&a, 1000);
	cr_assert_eq(p,
	    again + ((100 + alignof(max_align_t) - 1)
	        & ~(alignof(max_align_t) - 1)));
	neri_arena_reset(&a, 0); /* nothing small enough: all freed */
	cr_assert_null(a.head);
	cr_assert_not_null(neri_arena_alloc(&a, 8));
	neri_arena_fini(&a);
}

Test(arena, reset_keeps_the_limit)
{
	neri_arena a;

	neri_arena_init(&a, 256);
	cr_assert_not_null(neri_arena_alloc(&a, 200));
	cr_assert_null(neri_arena_alloc(&a, 200));
	neri_arena_reset(&a, 4096);
	cr_assert_not_null(neri_arena_alloc(&a, 200));
	cr_assert_null(neri_arena_alloc(&a, 200));
	neri_arena_fini(&a);
}
