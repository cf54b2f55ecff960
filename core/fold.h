/*
 * core/fold.h: folded text (prefix neri_), the one definition shared by the
 * host, whose token keys hash folded tokens, and the bundled plugins, which
 * fold their lexicons with it (plugins/common links core/fold.c), so that a
 * key the host computes matches an entry a plugin folded.
 *
 * Pure functions of their arguments; thread-safe.
 */
#ifndef NERD_CORE_FOLD_H
#define NERD_CORE_FOLD_H

#include <stddef.h>

/* Writes the folded form of s[0..len) into out (cap bytes, NUL-terminated,
 * truncated at a code point boundary when it does not fit): lowercase,
 * diacritics stripped, curly apostrophes made straight, Unicode hyphens
 * made '-'.  "Erdoğan" -> "erdogan".  Invalid UTF-8 bytes fold to U+FFFD.
 * One input byte folds to at most NERI_FOLD_GROWTH output bytes.  Returns
 * the length written. */
size_t neri_fold(const char *s, size_t len, char *out, size_t cap);

/* Like neri_fold but keeps case ("Côte d’Ivoire" -> "Cote d'Ivoire"). */
size_t neri_strip_marks(const char *s, size_t len, char *out, size_t cap);

#define NERI_FOLD_GROWTH 16

#endif /* NERD_CORE_FOLD_H */
