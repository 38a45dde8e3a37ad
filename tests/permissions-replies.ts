/**
 * The first line of the reply each person gets to a bare command (`/donvi`, nothing after it) they
 * may run, in the world of `tests/permissions.test.ts`: `all` for every speaker allowed, a speaker's
 * own line where theirs differs. Refusals are not here: the matrix of the test says who is refused.
 */
export type Speaker = "guest" | "cadre" | "officer" | "other" | "admin" | "lecturer";
export type FirstLines = Partial<Record<Speaker | "all", string | RegExp>>;

export const firstLines: Record<string, FirstLines> = {
  start: {
    all: "Chào Nguyễn Văn Mẫu! Gõ /trogiup để xem các lệnh dành cho bạn.",
    guest:
      "Xin chào! Đây là trợ lý đào tạo, bồi dưỡng cán bộ Đoàn của Đoàn Khối các cơ quan Đảng, Nhà nước và Mặt trận, đoàn thể thành phố Cần Thơ.",
    admin: "Chào Ban Thường vụ Đoàn Khối! Gõ /trogiup để xem các lệnh dành cho bạn.",
  },
  help: {
    all: "Các lệnh dành cho bạn (cán bộ Đoàn):",
    guest: "Các lệnh dành cho bạn (khách, chưa đăng ký):",
    officer: "Các lệnh dành cho bạn (Bí thư / Phó Bí thư đơn vị):",
    other: "Các lệnh dành cho bạn (Bí thư / Phó Bí thư đơn vị):",
    admin: "Các lệnh dành cho bạn (Ban Thường vụ Đoàn Khối):",
  },
  lang: { all: "Chọn ngôn ngữ / Choose a language:" },
  myid: {
    guest: "Mã tài khoản của bạn: telegram:guest",
    cadre: "Mã tài khoản của bạn: telegram:cadre",
    officer: "Mã tài khoản của bạn: telegram:officer",
    other: "Mã tài khoản của bạn: telegram:other",
    admin: "Mã tài khoản của bạn: telegram:admin",
    lecturer: "Mã tài khoản của bạn: telegram:lecturer",
  },
  setup: {
    all: "Thiết lập lại Đoàn Khối các cơ quan Đảng, Nhà nước và Mặt trận, đoàn thể thành phố Cần Thơ: hiện có 2 đơn vị. Bot hỏi lại 4 việc; đơn vị bạn gửi được ghi thêm, đơn vị đã có giữ nguyên. Gõ /huy để dừng mà không thay đổi gì.",
  },
  register: {
    all: "Bạn đã có hồ sơ cán bộ. Gõ /hoso để xem hoặc sửa.",
    guest: "Đăng ký hồ sơ cán bộ Đoàn. Bot sẽ hỏi vài câu; gõ /quaylai để sửa câu trước, /huy để dừng (không lưu gì).",
    admin: "Đăng ký hồ sơ cán bộ Đoàn. Bot sẽ hỏi vài câu; gõ /quaylai để sửa câu trước, /huy để dừng (không lưu gì).",
  },
  approve: { all: "Có 1 đăng ký đang chờ duyệt:", other: "Không có đăng ký nào đang chờ duyệt." },
  reject: { all: "Có 1 đăng ký đang chờ duyệt:", other: "Không có đăng ký nào đang chờ duyệt." },
  pending: { all: "Có 1 đăng ký đang chờ duyệt:", other: "Không có đăng ký nào đang chờ duyệt." },
  promote: {
    all: "Gõ /themquantri <mã người hoặc mã tài khoản>, ví dụ /themquantri p-demo-u01-1 hoặc /themquantri telegram:123456789. Mã người có trong danh sách /donvi; mỗi người xem mã tài khoản của mình bằng /maso.",
  },
  profile: {
    all: "Hồ sơ cán bộ của bạn",
    guest: "Bạn chưa có hồ sơ cán bộ. Gõ /dangky để đăng ký.",
    admin: "Bạn chưa có hồ sơ cán bộ. Gõ /dangky để đăng ký.",
  },
  mydata: { all: "Tóm tắt dữ liệu bot đang lưu về bạn:" },
  forgetme: {
    all: "Bạn sắp xóa toàn bộ dữ liệu cá nhân của mình: hồ sơ cán bộ, liên kết tài khoản chat, các thao tác đang dở. Việc này không hoàn tác được; nếu muốn tham gia lại, bạn đăng ký mới. Chọn “Xóa dữ liệu của tôi” bên dưới để xác nhận, hoặc “Thôi, giữ nguyên” nếu đổi ý.",
    guest:
      "Bạn sắp xóa dữ liệu bot đang giữ về bạn: liên kết tài khoản chat và các thao tác đang dở (bạn chưa có hồ sơ cán bộ). Việc này không hoàn tác được. Chọn “Xóa dữ liệu của tôi” bên dưới để xác nhận, hoặc “Thôi, giữ nguyên” nếu đổi ý.",
    admin:
      "Bạn sắp xóa dữ liệu bot đang giữ về bạn: liên kết tài khoản chat và các thao tác đang dở (bạn chưa có hồ sơ cán bộ). Việc này không hoàn tác được. Chọn “Xóa dữ liệu của tôi” bên dưới để xác nhận, hoặc “Thôi, giữ nguyên” nếu đổi ý.",
  },
  withdrawconsent: {
    all: "Bạn đang đồng ý cho xử lý dữ liệu với các mục đích dưới đây. Chọn mục đích muốn rút lại:",
    guest: "Bạn chưa đồng ý cho xử lý dữ liệu nào, nên không có gì để rút lại.",
    admin: "Bạn chưa đồng ý cho xử lý dữ liệu nào, nên không có gì để rút lại.",
  },
  unit: {
    officer: "Đoàn cơ sở u01 — 3 cán bộ đã duyệt",
    other: "Đoàn cơ sở u02 — 1 cán bộ đã duyệt",
    admin: "2 đơn vị (mã — tên: đã duyệt / chờ duyệt):",
  },
  importroster: {
    all: "Gửi tệp danh sách (.xlsx hoặc .csv) vào đây để nhập. Dòng đầu là tiêu đề cột như tệp mẫu đính kèm. Cột bắt buộc: Họ và tên, Mã đơn vị hoặc Tên đơn vị, Chức vụ, Trình độ LLCT, Trình độ chuyên môn, Năm sinh, Ngày đồng ý (ngày cán bộ ký đồng ý xử lý dữ liệu). Đơn vị chưa có trong bot được tạo theo cột Tên đơn vị (mã lấy từ cột Mã đơn vị, hoặc tự đặt theo tên; thêm cột Loại đơn vị, Số đoàn viên nếu muốn); bot cho xem trước và chờ bạn chọn «Nhập». Tệp chỉ có cột đơn vị (không có Họ và tên) thì chỉ tạo đơn vị. Cột không bắt buộc Quy hoạch chức danh (Bí thư, Phó Bí thư) và Báo cáo viên Đoàn Khối (Có) đặt dấu cho cán bộ; ô để trống thì bỏ dấu, không có cột thì giữ nguyên. Mỗi đơn vị chỉ có một Bí thư: dòng ghi Bí thư cho đơn vị đã có Bí thư chỉ thay người đó khi cột Ngày được bầu ghi ngày sau ngày người đó nhận chức (người cũ chuyển thành Ủy viên BCH); nếu không, dòng được nhập là Ủy viên BCH. Bản xem trước nói rõ từng dòng như vậy. Nếu có dòng sai, bot báo từng dòng và không nhập gì.",
  },
  exportroster: {
    officer: "Danh sách cán bộ Đoàn cơ sở u01: 4 người.",
    other: "Danh sách cán bộ Đoàn cơ sở u02: 1 người.",
    admin: "Danh sách cán bộ toàn Đoàn Khối: 5 người.",
  },
  newunit: { all: "Tên đơn vị là gì? (ví dụ: Đoàn cơ sở Sở Tư pháp)" },
  units: { all: "2 đơn vị — trang 1/1. Chọn một đơn vị để xem và thay đổi:" },
  renameunit: { all: "Gõ /doitendonvi <mã đơn vị> <tên mới>, hoặc chọn Đổi tên trong /dsdonvi." },
  mergeunit: {
    all: "Gõ /sapnhap <mã đơn vị bị sáp nhập> <mã đơn vị tiếp nhận>, ví dụ /sapnhap skhdt stc, hoặc chọn Sáp nhập trong /dsdonvi.",
  },
  closeunit: { all: "Gõ /giaithe <mã đơn vị>, hoặc chọn Giải thể trong /dsdonvi." },
  choosesecretary: { all: "Không đơn vị nào có hơn một Bí thư." },
  unitlinks: {
    all: "Liên kết đăng ký của 2 đơn vị: tệp đính kèm có đủ danh sách; mỗi tin nhắn dưới đây dành cho một đơn vị — chuyển tiếp vào nhóm của đơn vị đó.",
  },
  link: {
    officer:
      "Nhóm này đã được liên kết với Đoàn cơ sở u01. Đoàn viên trong nhóm chọn “Đăng ký” bên dưới để đăng ký hồ sơ cán bộ trong tin nhắn riêng với bot.",
    other:
      "Nhóm này đã được liên kết với Đoàn cơ sở u02. Đoàn viên trong nhóm chọn “Đăng ký” bên dưới để đăng ký hồ sơ cán bộ trong tin nhắn riêng với bot.",
    admin:
      "Gõ /lienket <mã đơn vị> để liên kết nhóm này với một đơn vị. Ban Thường vụ gõ /lienket khoi trong nhóm của Ban Thường vụ Đoàn Khối.",
  },
  planned: {
    officer: "Cán bộ của Đoàn cơ sở u01: bạn chọn người cần đánh dấu quy hoạch.",
    other: "Cán bộ của Đoàn cơ sở u02: bạn chọn người cần đánh dấu quy hoạch.",
    admin: "Bạn chọn đơn vị có cán bộ cần đánh dấu quy hoạch, hoặc gõ /quyhoach và mã hay tên đơn vị (ví dụ /quyhoach u01).",
  },
  lecturer: {
    admin:
      "Bạn chọn đơn vị có cán bộ cần đánh dấu báo cáo viên cấp Đoàn Khối, hoặc gõ /baocaovien và mã hay tên đơn vị (ví dụ /baocaovien u01).",
  },
  schedule: { all: "Hiện chưa có lớp nào sắp diễn ra." },
  enroll: {
    all: "Hiện chưa có lớp nào đang nhận ghi danh. Bot sẽ báo bạn khi có lớp mới dành cho bạn.",
    admin: "Ban Thường vụ cử cán bộ đi học qua đơn vị: chọn lớp, rồi chọn đơn vị và những người được cử.",
  },
  withdraw: { all: "Bạn chưa ghi danh hay đang chờ ở lớp nào đang mở, nên không có gì để rút tên. Gõ /lichhoc để xem các lớp sắp tới." },
  nominate: {
    all: "Hiện không có lớp nào còn nhận cử cán bộ (các lớp sắp tới đã hết hạn ghi danh hoặc chưa có lớp). Bot sẽ báo đơn vị khi có lớp mới; gõ /lichhoc để xem các lớp.",
  },
  partycommittee: { all: "Hiện không có lớp nào phù hợp với lệnh này. Gõ /lichhoc để xem các lớp." },
  checkin: { all: "Cách dùng: /diemdanh <mã> — mã do báo cáo viên đọc tại lớp." },
  certificates: {
    all: "Bạn chưa có chứng chỉ nào. Học xong một lớp của Đoàn Khối là bot cấp chứng chỉ (gõ /lichhoc để xem các lớp sắp tới); chứng chỉ, bằng học ở nơi khác thì gõ /chungchingoai để ghi nhận.",
  },
  eligibility: {
    all: "Điều kiện ứng cử chức danh Đoàn:",
    officer: "Điều kiện ứng cử chức danh của cán bộ Đoàn cơ sở u01:",
    other: "Điều kiện ứng cử chức danh của cán bộ Đoàn cơ sở u02:",
    admin: "Điều kiện ứng cử chức danh Đoàn trong toàn Khối (đủ điều kiện / cán bộ đã duyệt hồ sơ):",
  },
  newclass: { all: "Tạo lớp mới. Chọn loại lớp (theo Kế hoạch):" },
  quota: { all: "Hiện không có lớp nào phù hợp với lệnh này. Gõ /lichhoc để xem các lớp." },
  reclaim: { all: "Hiện không có lớp nào phù hợp với lệnh này. Gõ /lichhoc để xem các lớp." },
  opencheckin: {
    all: "Không có lớp sắp tới nào bạn mở điểm danh được (báo cáo viên chỉ mở điểm danh lớp mình được phân công). Gõ /lichhoc để xem các lớp.",
  },
  mark: { all: "Hiện không có lớp nào phù hợp với lệnh này. Gõ /lichhoc để xem các lớp." },
  attendance: { all: "Hiện không có lớp nào phù hợp với lệnh này. Gõ /lichhoc để xem các lớp." },
  complete: { all: "Hiện không có lớp nào phù hợp với lệnh này. Gõ /lichhoc để xem các lớp." },
  cancelclass: { all: "Hiện không có lớp nào phù hợp với lệnh này. Gõ /lichhoc để xem các lớp." },
  outsidecert: { all: "Chứng chỉ học tại nơi khác thuộc loại nào? Chọn một loại:" },
  pendingcerts: { all: "Không có chứng chỉ học tại nơi khác hay trình độ lý luận chính trị nào đang chờ xác nhận." },
  importcerts: {
    all: "Gửi tệp chứng chỉ học tại nơi khác (.xlsx hoặc .csv) vào đây để nhập, mỗi dòng một chứng chỉ, tối đa 2000 dòng, theo tệp mẫu đính kèm. Cán bộ ghi theo Mã cán bộ (xem bằng /xuatds) hoặc Họ tên cán bộ của đơn vị bạn. Loại chứng chỉ: một loại lớp của kế hoạch (mã hoặc tên, ví dụ youth-work), trình độ lý luận chính trị (Sơ cấp, Trung cấp, Cao cấp, cunhan) hoặc Khác. Ngày cấp ghi dd/mm/yyyy. Bot kiểm tra mọi dòng trước: nếu có dòng sai, bot báo từng dòng và không ghi nhận gì; nếu đúng hết, bot cho xem trước và chờ bạn chọn «Ghi nhận».",
  },
  report: {
    officer: "Báo cáo tình hình Quý 4/2026 — Đoàn cơ sở u01",
    other: "Báo cáo tình hình Quý 4/2026 — Đoàn cơ sở u02",
    admin: "Bạn ghi thêm mã đơn vị cần báo cáo, ví dụ: /baocao u01",
  },
  status: {
    officer: "Báo cáo của Đoàn cơ sở u01:",
    other: "Báo cáo của Đoàn cơ sở u02:",
    admin: "Tình hình báo cáo Quý 4/2026 (hạn 10/01/2027): 0 đúng hạn, 0 trễ hạn, 2 chưa báo cáo, trên tổng số 2 đơn vị.",
  },
  progress: { all: "Tiến độ thực hiện KH-2026 (tính từ 01/01/2026 đến 31/12/2027)" },
  export: { all: "Báo cáo tổng hợp của Đoàn Khối, kèm báo cáo Quý 4/2026 của các đơn vị." },
  plan: { all: "Các kế hoạch đào tạo, bồi dưỡng cán bộ của Đoàn Khối:" },
  // Typed bare, the reports to the city offer the stored years and plans (issue 24, point 2).
  yearreport: { all: "Bạn muốn lập báo cáo năm nào gửi Thành đoàn? Số liệu tính đến ngày 31/12 của năm đó." },
  planreport: { all: "Bạn muốn lập báo cáo kết thúc kế hoạch nào? Số liệu tính đến ngày cuối của kế hoạch." },
  announce: { all: "Gửi thông báo đến ai?" },
  reminders: {
    all: "Bạn đang nhận tin nhắc của bot (mở lớp, hạn đăng ký, tổng hợp…). Các tin quan trọng như lịch buổi học bạn đã ghi danh và hạn báo cáo của đơn vị vẫn luôn được gửi.",
  },
  linkcode: { all: /^Mã kết nối của bạn: [A-Z0-9]{6}$/ },
  connect: { all: "Gửi /ketnoi kèm mã 6 ký tự bạn nhận ở kênh kia, ví dụ: /ketnoi K7M2QX. Chưa có mã? Gõ /maketnoi ở kênh kia để lấy." },
  channel: {
    all: "Bạn mới dùng bot qua Telegram, nên thông báo sẽ gửi qua đó. Muốn nhận qua kênh khác: gõ /maketnoi ở đây rồi gửi mã từ kênh kia.",
  },
  auditlog: { all: "Nhật ký chưa có mục nào." },
  // The test bot serves no web view (no WEBAPP_URL): /web says so.
  web: { all: "Bảng theo dõi chưa được bật trên máy chủ này (chưa có địa chỉ WEBAPP_URL). Bạn hãy báo Ban Thường vụ Đoàn Khối." },
};
