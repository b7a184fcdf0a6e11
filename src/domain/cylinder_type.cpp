#include "domain/cylinder_type.hpp"

#include <array>

namespace leu {
namespace {

constexpr std::array kTypes = {
    CylinderType{"30B", Mass::kilograms(2277), Fraction::from_parts(50'000'000), Mass::kilograms(635), 5,
                 "ANSI N14.1; ISO 7195:2020 (leu-bank.md section 8)"},
};

}  // namespace

std::span<const CylinderType> cylinder_types() { return kTypes; }

const CylinderType* find_cylinder_type(std::string_view name) {
  for (const auto& t : kTypes)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace leu
