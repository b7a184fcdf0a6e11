// Refuses a MATLAB v5 .mat file whose variable headers declare more than the file
// can hold, before libmatio reads it.
//
// libmatio allocates for every element and field a variable header declares
// before it reads any of them, so a file of a few hundred bytes could make it
// allocate gigabytes (found by fuzz/mapit_mat_fuzz.cpp: a 505-byte file declaring
// 204 million field names made it calloc 3.3 GB; a 436-byte one declaring a field
// of 1.9 billion doubles, malloc 15 GB). check_mat_bounds() walks the top-level
// data elements (MathWorks, "MAT-File Format", R2021a, ch. 1: an 8-byte tag, then
// data; miMATRIX = 14, miCOMPRESSED = 15) and, for each array and the arrays inside
// a cell or struct (8 levels deep), checks that each header sub-element fits in
// what is left of the array, and that its elements fit too: one 8-byte tag each
// (for every field) in a cell or struct, one byte each in a numeric or character
// array (sparse arrays are sized by their non-zeros and not checked). A compressed
// array is inflated as far as its headers (the first 4 KiB; arrays beyond are not
// checked) and may hold up to 1032 times its compressed size (zlib's largest
// expansion, zlib.net "Technical Details"). Errors: kInvalidInput naming the file.
//
//   LEU_RETURN_IF_ERROR(check_mat_bounds(path));   // then Mat_Open(path, ...)
#pragma once

#include <string>

#include "domain/error.hpp"

namespace leu::mapit {

Result<void> check_mat_bounds(const std::string& file);

}  // namespace leu::mapit
