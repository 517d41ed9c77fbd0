/* SPDX-License-Identifier: ISC */
/*
 * Where utilab's data lives (fonts, pictograms, the workshop catalogue):
 * $UTILAB_DATADIR, else the installed $PREFIX/share/utilab, else the source
 * tree the running binary was built in, so bin/utilab-* work right after
 * make with no install.
 */
#ifndef UL_DATADIR_H
#define UL_DATADIR_H

/* The data directory (share/utilab), without a trailing slash. Never NULL. */
const char *ul_datadir(void);
/*
 * The catalogue of workshops: $UTILAB_CATALOGUE when set, else
 * DATADIR/workshops, else the source tree's.
 */
const char *ul_catalogue_dir(void);
/*
 * TOP/rel for the running binary TOP/bin/utilab-x when that directory
 * exists (a new string), else NULL: share/utilab, share/locale.
 */
char *ul_beside_binary(const char *rel);
/* DATADIR/rel, a new string the caller frees. */
char *ul_datadir_path(const char *rel);

#endif
