"""Word pools for fictitious but realistic names, titles, abstracts and goods, per language."""

from __future__ import annotations

# ---------------------------------------------------------------- Vietnamese
VI_SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
)  # fmt: skip
VI_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Thu")
VI_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan",
    "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Việt", "Yến",
)  # fmt: skip
VI_ORGS = (
    "Công ty Cổ phần Cơ khí Nông nghiệp Cửu Long",
    "Công ty TNHH Công nghệ Sài Gòn",
    "Công ty Cổ phần Điện tử Hà Nội",
    "Công ty Cổ phần Dược phẩm Bến Thành",
    "Công ty TNHH Thực phẩm Mê Kông",
    "Viện Khoa học Vật liệu",
    "Trường Đại học Bách khoa Đà Nẵng",
    "Công ty Cổ phần Năng lượng Xanh Việt",
)
VI_AGENTS = (
    "Công ty Luật TNHH Phạm và Liên danh",
    "Công ty TNHH Sở hữu trí tuệ Trí Việt",
    "Văn phòng Luật sư Bảo hộ Sáng chế An Phát",
    "Công ty TNHH Tư vấn Sở hữu công nghiệp Đông Dương",
)
VI_TITLE_HEADS = (
    "Máy sấy lúa", "Hệ thống lọc nước", "Thiết bị đo độ ẩm đất", "Quy trình sản xuất nước mắm",
    "Phương pháp xử lý nước thải", "Chế phẩm sinh học", "Bộ điều khiển đèn chiếu sáng",
    "Vật liệu cách nhiệt",
)  # fmt: skip
VI_TITLE_TAILS = (
    "dùng năng lượng mặt trời", "cho nuôi trồng thủy sản", "từ vỏ trấu",
    "sử dụng cảm biến không dây", "quy mô hộ gia đình", "có độ bền cao", "và phương pháp vận hành",
)  # fmt: skip
VI_DESIGNS = (
    "Chai đựng nước mắm", "Ghế tựa bằng mây", "Đèn lồng trang trí", "Vỏ điện thoại di động",
    "Bình gốm men lam", "Hộp đựng bánh trung thu", "Nón lá cách điệu",
)  # fmt: skip
VI_ABSTRACT = (
    "Sáng chế đề cập đến {title}.",
    "Thiết bị gồm buồng chính, tấm thu nhiệt, quạt hút và bộ điều khiển điện tử.",
    "Giải pháp giúp giảm độ ẩm của sản phẩm xuống dưới mười bốn phần trăm trong thời gian ngắn.",
    "Chi phí chế tạo thấp, dễ lắp đặt và phù hợp với điều kiện nông thôn Việt Nam.",
    "Sáng chế còn đề cập đến phương pháp vận hành thiết bị nêu trên.",
    "Nhờ đó, năng suất lao động tăng và lượng khí thải ra môi trường giảm đáng kể.",
)
# Description pages: (heading, sentences) per section.
VI_BODY = (
    ("Lĩnh vực kỹ thuật được đề cập", (
        "Sáng chế thuộc lĩnh vực cơ khí nông nghiệp, cụ thể là thiết bị xử lý sau thu hoạch.",
        "Sáng chế có thể được áp dụng cho các hợp tác xã và hộ gia đình ở nông thôn.",
    )),
    ("Tình trạng kỹ thuật của sáng chế", (
        "Hiện nay, phần lớn nông sản được phơi trên sân gạch nên phụ thuộc vào thời tiết.",
        "Các thiết bị đã biết tiêu tốn nhiều điện năng và khó bảo dưỡng ở vùng sâu vùng xa.",
        "Ngoài ra, chất lượng sản phẩm không đồng đều do nhiệt độ trong buồng không ổn định.",
        "Giá thành của các thiết bị nhập khẩu quá cao so với thu nhập của người nông dân.",
    )),
    ("Bản chất kỹ thuật của sáng chế", (
        "Mục đích của sáng chế là đề xuất một thiết bị đơn giản, bền và tiết kiệm năng lượng.",
        "Để đạt được mục đích nêu trên, thiết bị bao gồm khung đỡ, buồng sấy và quạt hút.",
        "Không khí được làm nóng khi đi qua tấm thu nhiệt rồi được dẫn vào buồng sấy.",
        "Độ ẩm và nhiệt độ trong buồng được đo liên tục và hiển thị trên màn hình.",
        "Bộ điều khiển tự động điều chỉnh tốc độ quạt theo độ ẩm của sản phẩm.",
    )),
)  # fmt: skip
VI_GOODS = {
    3: "Mỹ phẩm; xà phòng; dầu gội đầu",
    5: "Dược phẩm; thực phẩm chức năng",
    9: "Phần mềm máy tính; điện thoại di động",
    25: "Quần áo; giày dép; mũ nón",
    29: "Nước mắm; thịt chế biến; cá đóng hộp",
    30: "Cà phê; trà; gạo; bánh phở",
    35: "Dịch vụ quảng cáo; quản lý kinh doanh",
    42: "Thiết kế phần mềm máy tính; lưu trữ dữ liệu",
    43: "Dịch vụ nhà hàng; khách sạn",
}

# ---------------------------------------------------------------- English
EN_FIRST = (
    "Maria", "Jose", "Juan", "Ana", "Roberto", "Cristina", "Mark", "Jennifer", "Michael",
    "David", "Sarah", "Paolo", "Angelica", "Ramon", "Teresa",
)  # fmt: skip
EN_LAST = (
    "Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Smith", "Johnson",
    "Villanueva", "Ramos", "Tanaka", "Aquino", "Dela Cruz", "Miller",
)  # fmt: skip
PH_ORGS = (
    "Manila Agro Technologies, Inc.",
    "Cebu Marine Products Corporation",
    "University of the Philippines",
    "Luzon Electronics Corp.",
    "Davao Coconut Processing Co.",
    "Mindanao Renewable Energy, Inc.",
)
FOREIGN_ORGS = (
    ("Saigon Robotics Joint Stock Company", "VN"),
    ("Kyoto Precision Co., Ltd.", "JP"),
    ("Acme Semiconductor, Inc.", "US"),
    ("Siam Agritech Co., Ltd.", "TH"),
    ("Nordic Water Solutions AB", "SE"),
)
US_PLACES = (
    ("Austin", "TX"), ("San Jose", "CA"), ("Boston", "MA"), ("Portland", "OR"),
    ("Madison", "WI"), ("Raleigh", "NC"),
)  # fmt: skip
EN_AGENTS = (
    "Reyes & Bautista Law Offices",
    "Santos Patent Attorneys",
    "Mendoza Intellectual Property Law",
    "Villanueva, Cruz and Associates",
)
US_AGENTS = (
    "Miller, Johnson & Tanaka LLP",
    "Garcia Patent Group, P.C.",
    "Smith Intellectual Property Law",
)
EN_TITLE_HEADS = (
    "Solar-powered rice dryer", "Method for producing coconut sugar crystals",
    "Water filtration system", "Portable device for measuring soil moisture",
    "Biodegradable packaging film", "Wireless sensor network", "Method for compressing image data",
    "Fish sauce fermentation tank", "Low-power display controller",
)  # fmt: skip
EN_TITLE_TAILS = (
    "using activated rice husk carbon", "for aquaculture ponds", "made from banana fiber",
    "with automatic temperature control", "for small farms", "and method of operating the same",
)  # fmt: skip
EN_DESIGNS = (
    "Bottle for fish sauce", "Rattan armchair", "Decorative lantern", "Mobile phone case",
    "Ceramic vase", "Jeepney toy model", "Woven handbag",
)  # fmt: skip
EN_ABSTRACT = (
    "The invention relates to a {title}.",
    "The apparatus comprises a main chamber, a heat collector panel, an exhaust fan and an "
    "electronic controller.",
    "Moisture of the product is reduced below fourteen percent within a short time.",
    "The device is inexpensive to build, easy to install and suited to rural conditions.",
    "A method of operating the apparatus is also disclosed.",
    "Labor productivity is increased while emissions to the environment are reduced.",
    "Sensors measure temperature and humidity and report them to a central unit.",
)
EN_BODY = (
    ("TECHNICAL FIELD", (
        "The present invention relates to agricultural machinery, in particular to "
        "post-harvest processing equipment.",
        "The invention may be used by cooperatives and by households in rural areas.",
    )),
    ("BACKGROUND OF THE INVENTION", (
        "Most grain is still dried on open concrete yards, which makes farmers depend on "
        "the weather.",
        "Known dryers consume a large amount of electric power and are hard to maintain in "
        "remote areas.",
        "Moreover, the quality of the product is uneven because the temperature in the "
        "chamber is not stable.",
        "Imported machines are too expensive for the income of small farmers.",
    )),
    ("SUMMARY OF THE INVENTION", (
        "It is an object of the invention to provide a simple, durable and energy-saving "
        "device.",
        "To achieve this object, the device comprises a frame, a drying chamber and an "
        "exhaust fan.",
        "Air is heated while passing the collector panel and is then led into the drying "
        "chamber.",
        "Humidity and temperature inside the chamber are measured continuously and displayed.",
        "The controller adjusts the speed of the fan to the moisture of the product.",
    )),
)  # fmt: skip
EN_GOODS = {
    3: "Cosmetics; soaps; shampoos",
    5: "Pharmaceutical preparations; dietary supplements",
    9: "Computer software; mobile phones",
    25: "Clothing; footwear; headgear",
    29: "Fish sauce; processed meat; canned fish",
    30: "Coffee; tea; rice; dried mangoes",
    35: "Advertising; business management",
    42: "Design of computer software; data storage services",
    43: "Restaurant services; hotel services",
}
FIL_BODY = (
    "Ang imbensiyong ito ay tumutukoy sa isang makina para sa pagpapatuyo ng palay.",
    "Binubuo ito ng silid na patuyuan, panel na sumisipsip ng init ng araw, at bentilador.",
    "Madali itong gamitin at mura ang gastos sa paggawa at pagpapanatili.",
    "Nakatutulong ito sa mga maliliit na magsasaka sa kanayunan.",
    "Sinusukat ng mga sensor ang temperatura at halumigmig sa loob ng silid.",
    "Ang mainit na hangin ay dumadaan sa panel bago pumasok sa silid na patuyuan.",
)

# ---------------------------------------------------------------- Thai
TH_FIRST = ("สมชาย", "สุดารัตน์", "วิชัย", "พรทิพย์", "ณัฐพล", "กนกวรรณ", "ประเสริฐ", "อรุณี")
TH_LAST = ("ใจดี", "ศรีสุข", "วงศ์ไทย", "แก้วมณี", "ทองดี", "สุขสวัสดิ์", "บุญมา", "รักษ์ไทย")
TH_ORGS = (
    "บริษัท สยามเทคโนโลยี จำกัด",
    "บริษัท ไทยอะโกร อินดัสตรี จำกัด",
    "มหาวิทยาลัยเกษตรศาสตร์",
    "บริษัท เชียงใหม่ฟู้ด จำกัด",
)
TH_AGENTS = ("นายวิชัย ทองดี", "นางสาวพรทิพย์ ศรีสุข", "บริษัท ไทยสิทธิบัตร จำกัด")
TH_TITLE_HEADS = (
    "เครื่องอบแห้งข้าวเปลือก", "กรรมวิธีการผลิตน้ำปลา", "ระบบกรองน้ำ", "อุปกรณ์วัดความชื้นในดิน",
    "ฟิล์มบรรจุภัณฑ์ย่อยสลายได้", "สูตรปุ๋ยอินทรีย์",
)  # fmt: skip
TH_TITLE_TAILS = (
    "พลังงานแสงอาทิตย์", "จากปลากะตัก", "ด้วยถ่านกัมมันต์จากแกลบ", "แบบพกพา", "จากเส้นใยกล้วย",
    "สำหรับครัวเรือน",
)  # fmt: skip
TH_DESIGNS = ("ขวดน้ำปลา", "เก้าอี้หวาย", "โคมไฟประดับ", "กระเป๋าสาน", "แจกันเซรามิก")
TH_ABSTRACT = (
    "การประดิษฐ์นี้เกี่ยวข้องกับ{title}",
    "ซึ่งประกอบด้วยห้องอบ แผงรับความร้อน และพัดลมดูดอากาศ",
    "อุปกรณ์นี้มีต้นทุนต่ำ และใช้งานได้ง่าย",
    "ช่วยลดการใช้พลังงาน และเพิ่มคุณภาพของผลผลิต",
    "เหมาะสำหรับเกษตรกรรายย่อยในชนบท",
    "เซ็นเซอร์วัดอุณหภูมิ และความชื้นภายในห้องอบอย่างต่อเนื่อง",
)
TH_BODY = (
    ("สาขาวิทยาการที่เกี่ยวข้องกับการประดิษฐ์", (
        "วิศวกรรมเครื่องจักรกลเกษตร ในส่วนที่เกี่ยวข้องกับเครื่องอบแห้งผลผลิตทางการเกษตร",
        "การประดิษฐ์นี้สามารถใช้ได้ในสหกรณ์ และครัวเรือนในชนบท",
    )),
    ("ภูมิหลังของศิลปะหรือวิทยาการที่เกี่ยวข้อง", (
        "ปัจจุบัน เกษตรกรส่วนใหญ่ตากข้าวบนลานคอนกรีต ทำให้ต้องพึ่งพาสภาพอากาศ",
        "เครื่องอบแห้งที่มีอยู่ใช้พลังงานไฟฟ้าสูง และบำรุงรักษายาก",
        "นอกจากนี้ คุณภาพของผลผลิตไม่สม่ำเสมอ เนื่องจากอุณหภูมิในห้องอบไม่คงที่",
    )),
    ("ลักษณะและความมุ่งหมายของการประดิษฐ์", (
        "การประดิษฐ์นี้มีความมุ่งหมายเพื่อให้ได้อุปกรณ์ที่เรียบง่าย ทนทาน และประหยัดพลังงาน",
        "อากาศจะถูกทำให้ร้อนขณะผ่านแผงรับความร้อน แล้วจึงถูกส่งเข้าสู่ห้องอบ",
        "ชุดควบคุมจะปรับความเร็วของพัดลมตามความชื้นของผลผลิต",
    )),
)  # fmt: skip
TH_GOODS = {
    3: "เครื่องสำอาง สบู่ แชมพู",
    9: "โปรแกรมคอมพิวเตอร์ โทรศัพท์มือถือ",
    25: "เสื้อผ้า รองเท้า หมวก",
    29: "น้ำปลา เนื้อสัตว์แปรรูป",
    30: "กาแฟ ชา ข้าว",
    35: "การโฆษณา การบริหารธุรกิจ",
    43: "บริการร้านอาหาร บริการโรงแรม",
}

# ---------------------------------------------------------------- Khmer
KM_NAMES = ("សុខ សុភា", "ចាន់ ដារ៉ា", "ហេង សំណាង", "គឹម សុវណ្ណ", "លី ម៉េងហុង", "ស៊ុន ស្រីពៅ")
KM_ORGS = (
    "សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ",
    "ក្រុមហ៊ុន អង្គរ អគ្រីធិច",
    "ក្រុមហ៊ុន មេគង្គ ហ្វូដ",
)
KM_TITLES = (
    "ម៉ាស៊ីនសម្ងួតស្រូវ ប្រើថាមពលពន្លឺព្រះអាទិត្យ",
    "វិធីសាស្ត្រផលិតទឹកត្រី",
    "ប្រព័ន្ធចម្រោះទឹក ដោយប្រើធ្យូងអង្កាម",
    "ឧបករណ៍វាស់សំណើមដី",
)
KM_DESIGNS = ("ដបទឹកត្រី", "កៅអីផ្ដៅ", "កាបូបត្បាញ", "ចង្កៀងលម្អ")
KM_ABSTRACT = (
    "ការច្នៃប្រឌិតនេះទាក់ទងនឹង{title}។",
    "ឧបករណ៍នេះមានតម្លៃទាប និងងាយស្រួលប្រើប្រាស់។",
    "វាអាចកាត់បន្ថយការប្រើប្រាស់ថាមពល និងបង្កើនគុណភាពផលិតផល។",
    "ប្រព័ន្ធនេះសមស្របសម្រាប់កសិករខ្នាតតូច។",
)

# ---------------------------------------------------------------- Lao
LO_NAMES = ("ສົມພອນ ແກ້ວມະນີ", "ບຸນມີ ພົມມະຈັນ", "ຄຳແພງ ສີສຸວັນ", "ວັນນະສອນ ພູມມະລາ", "ແສງດາວ ອິນທະວົງ")
LO_ORGS = ("ບໍລິສັດ ລາວອາໂກຣ ຈຳກັດ", "ມະຫາວິທະຍາໄລແຫ່ງຊາດ", "ບໍລິສັດ ກາເຟປາກຊ່ອງ ຈຳກັດ")
LO_TITLES = (
    "ເຄື່ອງອົບເຂົ້າ ໃຊ້ພະລັງງານແສງຕາເວັນ",
    "ວິທີການຜະລິດກາເຟ",
    "ລະບົບກັ່ນຕອງນ້ຳ",
    "ເຄື່ອງທໍຜ້າໄໝ",
)
LO_DESIGNS = ("ຂວດນ້ຳປາ", "ຕັ່ງຫວາຍ", "ກະເປົາສານ", "ໂຄມໄຟປະດັບ")
LO_ABSTRACT = (
    "ສິ່ງປະດິດນີ້ກ່ຽວຂ້ອງກັບ{title}.",
    "ອຸປະກອນນີ້ມີລາຄາຖືກ ແລະ ໃຊ້ງານງ່າຍ.",
    "ມັນຊ່ວຍຫຼຸດຜ່ອນການໃຊ້ພະລັງງານ ແລະ ເພີ່ມຄຸນນະພາບຂອງຜະລິດຕະພັນ.",
    "ລະບົບນີ້ເໝາະສົມສຳລັບຊາວກະສິກອນຂະໜາດນ້ອຍ.",
)

# ---------------------------------------------------------------- shared
MARKS = (
    "SAOMAI", "LOTUSPRO", "MEKOFRESH", "VINATECH", "GOLDEN RICE", "HANAMI", "SIAMORA",
    "ANGKORA", "MEKONG STAR", "KALIBO", "BAYANIHAN", "CHAMPA",
)  # fmt: skip
IPC_CODES = (
    "A01F 25/12", "A23L 27/50", "B01D 39/20", "C02F 1/28", "F26B 3/28", "G01N 33/24",
    "G06F 17/30", "H04W 84/18", "H05B 47/19", "C05F 9/04", "B65D 65/46", "G06T 9/00",
)  # fmt: skip
LOCARNO = ("06-01", "09-01", "11-02", "26-05", "03-01", "21-01", "14-03")
PRIORITY_COUNTRIES = ("JP", "US", "KR", "CN", "DE", "SG")
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
US_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
