"""How each office prints a front page: header lines, INID codes and labels, columns."""

from __future__ import annotations

# (field, INID code, label) in printed order. "abstract" is always printed last.
_EN = {
    "patent": (
        ("publication_number", "11", "Patent No."),
        ("application_number", "21", "Application No."),
        ("filing_date", "22", "Filing Date"),
        ("priority", "30", "Priority"),
        ("grant_date", "45", "Date of Grant"),
        ("ipc", "51", "Int. Cl."),
        ("title", "54", "Title"),
        ("applicants", "71", "Applicant"),
        ("inventors", "72", "Inventor"),
        ("agent", "74", "Agent"),
        ("abstract", "57", "Abstract"),
    ),
    "industrial_design": (
        ("registration_number", "11", "Registration No."),
        ("application_number", "21", "Application No."),
        ("filing_date", "22", "Filing Date"),
        ("registration_date", "45", "Registration Date"),
        ("locarno_classes", "51", "Locarno Classification"),
        ("title", "54", "Title"),
        ("applicants", "71", "Applicant"),
        ("inventors", "72", "Designer"),
        ("agent", "74", "Agent"),
    ),
    "trademark": (
        ("registration_number", "111", "Registration No."),
        ("registration_date", "151", "Registration Date"),
        ("application_number", "210", "Application No."),
        ("filing_date", "220", "Filing Date"),
        ("mark", "540", "Mark"),
        ("nice_classes", "511", "Classes"),
        ("applicants", "731", "Applicant"),
        ("agent", "740", "Agent"),
    ),
}
_VI = {
    "patent": (
        ("publication_number", "11", "Số bằng"),
        ("application_number", "21", "Số đơn"),
        ("filing_date", "22", "Ngày nộp đơn"),
        ("priority", "30", "Ưu tiên"),
        ("grant_date", "45", "Ngày cấp"),
        ("ipc", "51", "Phân loại IPC"),
        ("title", "54", "Tên sáng chế"),
        ("applicants", "71", "Chủ đơn"),
        ("inventors", "72", "Tác giả sáng chế"),
        ("agent", "74", "Người đại diện"),
        ("abstract", "57", "Tóm tắt"),
    ),
    "industrial_design": (
        ("registration_number", "11", "Số bằng"),
        ("application_number", "21", "Số đơn"),
        ("filing_date", "22", "Ngày nộp đơn"),
        ("registration_date", "45", "Ngày cấp"),
        ("locarno_classes", "51", "Phân loại Locarno"),
        ("title", "54", "Tên kiểu dáng công nghiệp"),
        ("applicants", "71", "Chủ đơn"),
        ("inventors", "72", "Tác giả kiểu dáng công nghiệp"),
        ("agent", "74", "Người đại diện"),
    ),
    "trademark": (
        ("registration_number", "111", "Số đăng ký"),
        ("registration_date", "151", "Ngày đăng ký"),
        ("application_number", "210", "Số đơn"),
        ("filing_date", "220", "Ngày nộp đơn"),
        ("mark", "540", "Nhãn hiệu"),
        ("nice_classes", "511", "Nhóm sản phẩm/dịch vụ"),
        ("applicants", "731", "Chủ đơn"),
        ("agent", "740", "Người đại diện"),
    ),
}
_TH = {
    "patent": (
        ("publication_number", "11", "เลขที่สิทธิบัตร"),
        ("application_number", "21", "เลขที่คำขอ"),
        ("filing_date", "22", "วันยื่นคำขอ"),
        ("priority", "30", "วันยื่นคำขอในต่างประเทศ"),
        ("grant_date", "45", "วันออกสิทธิบัตร"),
        ("ipc", "51", "สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ"),
        ("title", "54", "ชื่อที่แสดงถึงการประดิษฐ์"),
        ("applicants", "71", "ผู้ขอรับสิทธิบัตร"),
        ("inventors", "72", "ผู้ประดิษฐ์"),
        ("agent", "74", "ตัวแทน"),
        ("abstract", "57", "บทสรุปการประดิษฐ์"),
    ),
    "industrial_design": (
        ("registration_number", "11", "เลขที่สิทธิบัตร"),
        ("application_number", "21", "เลขที่คำขอ"),
        ("filing_date", "22", "วันยื่นคำขอ"),
        ("registration_date", "45", "วันออกสิทธิบัตร"),
        ("locarno_classes", "51", "การจำแนกแบบผลิตภัณฑ์ระหว่างประเทศ"),
        ("title", "54", "ชื่อที่แสดงถึงแบบผลิตภัณฑ์"),
        ("applicants", "71", "ผู้ขอรับสิทธิบัตร"),
        ("inventors", "72", "ผู้ออกแบบผลิตภัณฑ์"),
        ("agent", "74", "ตัวแทน"),
    ),
    "trademark": (
        ("registration_number", "111", "ทะเบียนเลขที่"),
        ("registration_date", "151", "วันจดทะเบียน"),
        ("application_number", "210", "เลขที่คำขอ"),
        ("filing_date", "220", "วันยื่นคำขอ"),
        ("mark", "540", "เครื่องหมายการค้า"),
        ("nice_classes", "511", "จำพวกสินค้า"),
        ("applicants", "731", "ผู้ขอจดทะเบียน"),
        ("agent", "740", "ตัวแทน"),
    ),
}
# USPTO: (field, code, label); label None prints the value alone ("(54) TITLE"), code None
# prints no INID code.
_US = {
    "patent": (
        ("title", "54", None),
        ("inventors", "75", "Inventors"),
        ("applicants", "73", "Assignee"),
        ("application_number", "21", "Appl. No."),
        ("filing_date", "22", "Filed"),
        ("ipc", "51", "Int. Cl."),
        ("agent", "74", "Attorney, Agent, or Firm"),
        ("publication_number", "10", "Patent No."),
        ("grant_date", "45", "Date of Patent"),
        ("abstract", "57", "ABSTRACT"),
    ),
    "industrial_design": (
        ("title", "54", None),
        ("inventors", "75", "Inventors"),
        ("applicants", "73", "Assignee"),
        ("application_number", "21", "Appl. No."),
        ("filing_date", "22", "Filed"),
        ("locarno_classes", "51", "LOC (9) Cl."),
        ("agent", "74", "Attorney, Agent, or Firm"),
        ("publication_number", "10", "Patent No."),
        ("registration_date", "45", "Date of Patent"),
        ("claim", "57", "CLAIM"),
        ("description", None, "DESCRIPTION"),
    ),
    "trademark": (
        ("mark", "540", "Mark"),
        ("nice_classes", "511", "Int. Cl."),
        ("applicants", "731", "Owner"),
        ("agent", "740", "Attorney"),
        ("registration_number", "111", "Reg. No."),
        ("registration_date", "151", "Registered"),
        ("application_number", "210", "Serial No."),
        ("filing_date", "220", "Filed"),
    ),
}
LABELS = {"VN": _VI, "PH": _EN, "KH": _EN, "LA": _EN, "TH": _TH, "US": _US}

# Fields printed in the right-hand column of a two-column page.
RIGHT_COLUMN = frozenset(
    {
        "publication_number",
        "grant_date",
        "registration_number",
        "registration_date",
        "publication_date",
        "priority",
        "abstract",
        "claim",
        "description",
    }
)
# Fields printed as a heading line and a paragraph below it.
BLOCKS = frozenset({"abstract", "claim", "description"})

_KH_MINISTRY = ("ក្រសួងឧស្សាហកម្ម វិទ្យាសាស្ត្រ បច្ចេកវិទ្យា និងនវានុវត្តន៍",
                "MINISTRY OF INDUSTRY, SCIENCE, TECHNOLOGY AND INNOVATION")  # fmt: skip
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "VN": {
        "patent": ("CỤC SỞ HỮU TRÍ TUỆ", "BẰNG ĐỘC QUYỀN SÁNG CHẾ"),
        "industrial_design": ("CỤC SỞ HỮU TRÍ TUỆ", "BẰNG ĐỘC QUYỀN KIỂU DÁNG CÔNG NGHIỆP"),
        "trademark": ("CỤC SỞ HỮU TRÍ TUỆ", "GIẤY CHỨNG NHẬN ĐĂNG KÝ NHÃN HIỆU"),
    },
    "PH": {
        "patent": ("INTELLECTUAL PROPERTY OFFICE OF THE PHILIPPINES", "INVENTION PATENT"),
        "industrial_design": (
            "INTELLECTUAL PROPERTY OFFICE OF THE PHILIPPINES",
            "INDUSTRIAL DESIGN REGISTRATION",
        ),
        "trademark": ("INTELLECTUAL PROPERTY OFFICE OF THE PHILIPPINES", "TRADEMARK APPLICATION"),
    },
    "TH": {
        "patent": ("กรมทรัพย์สินทางปัญญา", "สิทธิบัตรการประดิษฐ์"),
        "industrial_design": ("กรมทรัพย์สินทางปัญญา", "สิทธิบัตรการออกแบบผลิตภัณฑ์"),
        "trademark": ("กรมทรัพย์สินทางปัญญา", "ประกาศโฆษณาคำขอจดทะเบียนเครื่องหมายการค้า"),
    },
    "KH": {
        "patent": (*_KH_MINISTRY, "ប្រកាសនីយបត្រ PATENT"),
        "industrial_design": (*_KH_MINISTRY, "គំនូរឧស្សាហកម្ម INDUSTRIAL DESIGN"),
        "trademark": ("ក្រសួងពាណិជ្ជកម្ម", "MINISTRY OF COMMERCE", "ម៉ាកពាណិជ្ជកម្ម TRADEMARK"),
    },
    "LA": {
        "patent": ("ກົມຊັບສິນທາງປັນຍາ", "DEPARTMENT OF INTELLECTUAL PROPERTY", "ສິດທິບັດ PATENT"),
        "industrial_design": (
            "ກົມຊັບສິນທາງປັນຍາ",
            "DEPARTMENT OF INTELLECTUAL PROPERTY",
            "ແບບອຸດສາຫະກຳ INDUSTRIAL DESIGN",
        ),
        "trademark": (
            "ກົມຊັບສິນທາງປັນຍາ",
            "DEPARTMENT OF INTELLECTUAL PROPERTY",
            "ເຄື່ອງໝາຍການຄ້າ TRADEMARK",
        ),
    },
    "US": {
        "patent": ("UNITED STATES PATENT AND TRADEMARK OFFICE",),
        "industrial_design": ("UNITED STATES PATENT AND TRADEMARK OFFICE",),
        "trademark": ("UNITED STATES PATENT AND TRADEMARK OFFICE",),
    },
}
# The "(12)" line opening the left column of a USPTO page.
US_KIND_LINE = {
    "patent": "United States Patent",
    "industrial_design": "United States Design Patent",
    "trademark": "Trademark Registration",
}

TEXT_PAGE_HEADINGS = {
    "eng": "DESCRIPTION",
    "fil": "PAGLALARAWAN NG IMBENSYON",
    "vie": "MÔ TẢ SÁNG CHẾ",
    "tha": "รายละเอียดการประดิษฐ์",
    "khm": "ការពិពណ៌នាអំពីការច្នៃប្រឌិត",
    "lao": "ລາຍລະອຽດຂອງສິ່ງປະດິດ",
}
