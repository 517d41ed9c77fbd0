/* SPDX-License-Identifier: ISC */
/*
 * Units: utilab lays out in millimetres, type is set in points, PDF pages
 * are measured in points and images in dots per inch. One place for the
 * conversions, so that no file carries its own 25.4 / 72.
 */
#ifndef UL_UNITS_H
#define UL_UNITS_H

#define UL_MM_PER_INCH 25.4
#define UL_PT_PER_INCH 72.0
#define UL_MM_PER_PT (UL_MM_PER_INCH / UL_PT_PER_INCH)
#define UL_PT_PER_MM (UL_PT_PER_INCH / UL_MM_PER_INCH)

/* Millimetres to PDF points and back. */
#define UL_MM(x) ((x) * UL_PT_PER_MM)
#define UL_PT_TO_MM(x) ((x) * UL_MM_PER_PT)

/* Pixels per millimetre at a resolution in dpi. */
#define UL_PX_PER_MM(dpi) ((dpi) / UL_MM_PER_INCH)

#endif
