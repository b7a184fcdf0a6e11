// report: the ICR, PIL and MBR of an MBA in the profile's formats, and parsing a
// labelled report file.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "accountancy/report_builder.hpp"
#include "cli/context.hpp"
#include "reports/export.hpp"
#include "reports/labelled.hpp"
#include "reports/profile.hpp"

namespace leu::cli {
namespace {

struct Args {
  std::string mba, month, date, format = "text", output, file;
};

// Writes the report in the asked format to --output, or standard output.
Result<void> emit(const reports::Report& r, const Args& a) {
  const reports::Profile& profile = reports::default_profile();
  if (a.format == "xlsx") {
    if (a.output.empty()) return fail(ErrorCode::kUsage, "output", "an XLSX report needs --output FILE");
    LEU_RETURN_IF_ERROR(reports::write_xlsx(r, profile, a.output));
    std::cout << fmt::format("wrote {} ({} lines)\n", a.output, r.lines.size());
    return {};
  }
  const std::string text = a.format == "csv"    ? reports::write_csv(r, profile)
                           : a.format == "json" ? reports::write_json(r, profile).dump(2) + "\n"
                                                : reports::write_labelled(r, profile);
  if (a.output.empty()) {
    std::cout << text;
    return {};
  }
  std::ofstream out(a.output, std::ios::binary);
  if (!out) return fail(ErrorCode::kInvalidInput, "output", "cannot write '" + a.output + "'");
  out << text;
  std::cout << fmt::format("wrote {} ({} lines)\n", a.output, r.lines.size());
  return {};
}

// The reporting person: the --as user, else the account running the command.
std::string reporting_person(const Context& ctx) {
  if (!ctx.as.empty()) return ctx.as;
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

}  // namespace

void add_report_commands(CLI::App& app, Context& ctx) {
  Args& a = ctx.hold<Args>();
  auto* report = app.add_subcommand("report", "accounting reports: ICR, PIL, MBR; parse a labelled report file");
  report->require_subcommand(1);
  const auto common = [&](CLI::App* sub) {
    sub->add_option("--mba", a.mba, "MBA code")->required();
    sub->add_option("--format", a.format, "text (the profile's labelled format), csv, json or xlsx")
        ->check(CLI::IsMember({"text", "csv", "json", "xlsx"}));
    sub->add_option("--output", a.output, "write to this file (required for xlsx)");
  };
  const auto run = [&](auto build) {
    return [&ctx, &a, build]() -> Result<void> {
      auto j = ctx.journal();
      if (!j) return std::unexpected(j.error());
      auto r = build(**j);
      if (!r) return std::unexpected(r.error());
      return emit(*r, a);
    };
  };

  auto* icr = report->add_subcommand("icr", "inventory change report of one month, by batch");
  common(icr);
  icr->add_option("--month", a.month, "YYYY-MM")->required();
  icr->callback([&, run] {
    ctx.action = run([&](Journal& j) -> Result<reports::Report> {
      auto day = Date::parse(a.month + "-01", "month");
      if (!day) return invalid("month", "'" + a.month + "' is not a month in the form YYYY-MM");
      return build_icr(j, a.mba, day->year(), day->month(), reporting_person(ctx));
    });
  });
  auto* pil = report->add_subcommand("pil", "physical inventory listing of a closed period's taking");
  common(pil);
  pil->add_option("--date", a.date, "the physical inventory date (YYYY-MM-DD)")->required();
  pil->callback([&, run] {
    ctx.action = run([&](Journal& j) -> Result<reports::Report> {
      auto day = Date::parse(a.date, "date");
      if (!day) return std::unexpected(day.error());
      return build_pil(j, a.mba, *day, reporting_person(ctx));
    });
  });
  auto* mbr = report->add_subcommand("mbr", "material balance report of a closed period");
  common(mbr);
  mbr->add_option("--date", a.date, "the period's ending date: its physical inventory (YYYY-MM-DD)")->required();
  mbr->callback([&, run] {
    ctx.action = run([&](Journal& j) -> Result<reports::Report> {
      auto day = Date::parse(a.date, "date");
      if (!day) return std::unexpected(day.error());
      return build_mbr(j, a.mba, *day, reporting_person(ctx));
    });
  });

  auto* parse = report->add_subcommand("parse", "check a labelled report file; name the line and field of each error");
  parse->add_option("file", a.file, "the report file (- = standard input)")->required();
  parse->callback([&] {
    ctx.action = [&]() -> Result<void> {
      auto text = read_input(a.file);
      if (!text) return std::unexpected(text.error());
      auto r = reports::parse_labelled(*text, reports::default_profile());
      if (!r) return std::unexpected(r.error());
      std::cout << fmt::format("{}: a valid {} of MBA {}, report {}, {} lines\n", a.file,
                               std::string(1, reports::report_type_letter(r->header.type)), r->header.mba,
                               r->header.report_number, r->lines.size());
      return {};
    };
  });
}

}  // namespace leu::cli
