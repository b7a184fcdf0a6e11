#include "reports/report.hpp"

namespace leu::reports {

char report_type_letter(ReportType t) {
  switch (t) {
    case ReportType::kIcr: return 'I';
    case ReportType::kPil: return 'P';
    case ReportType::kMbr: return 'M';
  }
  return 'I';
}

}  // namespace leu::reports
