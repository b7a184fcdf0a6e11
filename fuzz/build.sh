#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ under AddressSanitizer and
# UndefinedBehaviorSanitizer, in their own build directory.
#
#   fuzz/build.sh [BUILD_DIR]      (default: build/fuzz)
#
# Why GCC and not `clang++ -fsanitize=fuzzer`: Debian's clang 14 cannot compile
# this code base with GCC 12's libstdc++ (std::expected needs P0848, conditionally
# trivial destructors, which clang implements from 16 on). So the code is compiled
# by GCC 12 with -fsanitize-coverage=trace-pc,trace-cmp and linked with clang 14's
# libFuzzer runtime (libclang_rt.fuzzer).
# libFuzzer 14 no longer reads GCC's trace-pc calls itself: fuzz/gcc_cov_shim.cpp
# turns them (renamed with objcopy) into inline 8-bit edge counters it does read.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/fuzz}
cxx=${CXX_FUZZ:-g++}
libfuzzer=${LIBFUZZER:-$(ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a | head -1)}
mkdir -p "$out/obj"

flags=(-std=c++2b -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
       -fsanitize-coverage=trace-pc,trace-cmp -I"$root/src" -I"$out" $(pkg-config --cflags eigen3 matio))

# The default report profile is compiled in (as src/reports/CMakeLists.txt does).
python3 - "$root" "$out" <<'PY'
import sys
root, out = sys.argv[1], sys.argv[2]
tpl = open(f"{root}/src/reports/embedded_profile.cpp.in").read()
text = open(f"{root}/data/profiles/code10-labelled-v1.json").read()
open(f"{out}/embedded_profile.cpp", "w").write(tpl.replace("@LEU_PROFILE_TEXT@", text))
PY

sources=("$root"/src/domain/*.cpp "$root/src/reports/labelled.cpp" "$root/src/reports/profile.cpp"
         "$root/src/reports/report.cpp" "$root/src/reports/values.cpp" "$out/embedded_profile.cpp"
         "$root/src/accountancy/receipt_listing.cpp" "$root/src/ledger/bundle.cpp" "$root/src/ledger/event.cpp"
         "$root/src/ledger/signing.cpp" "$root/src/mapit/mapit_reader.cpp" "$root/src/mapit/mat_bounds.cpp"
         "$root/src/server/json_body.cpp")
objects=()
for s in "${sources[@]}"; do
  case "$s" in *_test.cpp) continue ;; esac
  o="$out/obj/$(echo "${s#$root/}" | tr '/' '_').o"
  if [ ! -f "$o" ] || [ "$s" -nt "$o" ]; then
    "$cxx" "${flags[@]}" -c "$s" -o "$o"
    objcopy --redefine-sym __sanitizer_cov_trace_pc=leu_cov_trace_pc "$o"
  fi
  objects+=("$o")
done
"$cxx" -O1 -c "$root/fuzz/gcc_cov_shim.cpp" -o "$out/obj/gcc_cov_shim.o"
objects+=("$out/obj/gcc_cov_shim.o")
libs=($(pkg-config --libs libsodium fmt matio zlib))
for target in labelled_fuzz receipt_csv_fuzz bundle_fuzz mapit_csv_fuzz mapit_mat_fuzz json_body_fuzz; do
  "$cxx" "${flags[@]}" -c "$root/fuzz/$target.cpp" -o "$out/obj/$target.o"
  objcopy --redefine-sym __sanitizer_cov_trace_pc=leu_cov_trace_pc "$out/obj/$target.o"
  "$cxx" "${flags[@]}" "$out/obj/$target.o" "${objects[@]}" "$libfuzzer" "${libs[@]}" -lpthread -o "$out/$target"
  echo "built $out/$target"
done
