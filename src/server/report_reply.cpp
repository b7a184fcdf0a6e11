#include "server/report_reply.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "access/random_hex.hpp"
#include "reports/export.hpp"
#include "reports/labelled.hpp"

namespace leu::server {

Result<Reply> report_reply(const reports::Report& report, const reports::Profile& profile, const std::string& format,
                           int status) {
  if (format == "json") return Reply::json(reports::write_json(report, profile), status);
  Reply reply;
  reply.status = status;
  if (format == "labelled") {
    reply.text = reports::write_labelled(report, profile);
    reply.content_type = "text/plain; charset=utf-8";
  } else if (format == "csv") {
    reply.text = reports::write_csv(report, profile);
    reply.content_type = "text/csv; charset=utf-8";
  } else if (format == "xlsx") {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("leubank-report-" + random_hex(16) + ".xlsx")).string();
    auto written = reports::write_xlsx(report, profile, path);
    std::ostringstream bytes;
    if (written) {
      std::ifstream in(path, std::ios::binary);
      bytes << in.rdbuf();
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    if (!written) return std::unexpected(written.error());
    reply.text = bytes.str();
    reply.content_type = kXlsxContentType;
  } else {
    return invalid("format", "'" + format + "' is not json, labelled, csv or xlsx");
  }
  return reply;
}

}  // namespace leu::server
