# ruff: noqa: E501 - prose and table rows read better unwrapped
"""Demo articles and documents, written for this portal from the ward's fact sheet.

Every figure and every attributed statement comes from the fact sheet (shared/FACTS.md,
guarded by tests/content/test_facts.py); the wording is the portal's own. Document
numbers that are not known are marked "MH" (minh họa) and their files are illustrative.
"""

from datetime import date, datetime

CATEGORIES = [
    ("tin-dai-hoi", "Tin Đại hội", "Tin về Đại hội đại biểu Đảng bộ phường An Phong lần thứ I, nhiệm kỳ 2025–2030."),
    ("xay-dung-dang", "Xây dựng Đảng", "Công tác xây dựng Đảng, hệ thống chính trị của phường."),
    ("kinh-te-xa-hoi", "Kinh tế – Xã hội", "Phát triển kinh tế, văn hóa, xã hội, chăm lo đời sống Nhân dân."),
    ("chuyen-doi-so", "Chuyển đổi số", "Chuyển đổi số trong quản lý nhà nước và đời sống người dân."),
    ("thong-bao", "Thông báo", "Thông báo của Đảng ủy, HĐND, UBND phường."),
]  # fmt: skip


def _dt(y, m, d, hh=8, mm=0):
    return datetime(y, m, d, hh, mm)


# (slug, category, title, summary, published (local time), featured, body html, gallery)
# gallery: list of (scene, caption, alt)
ARTICLES = [
    (
        "dai-hoi-dang-bo-phuong-an-phong-lan-thu-i-thanh-cong-tot-dep",
        "tin-dai-hoi",
        "Đại hội đại biểu Đảng bộ phường An Phong lần thứ I, nhiệm kỳ 2025–2030",
        "Ngày 14/8/2025, 160 đại biểu thay mặt 1.129 đảng viên của 51 chi bộ, đảng bộ trực thuộc đã về dự Đại hội đại biểu Đảng bộ phường An Phong lần thứ I, nhiệm kỳ 2025–2030, với phương châm “Đoàn kết – Dân chủ – Kỷ cương – Sáng tạo – Phát triển”.",
        _dt(2025, 8, 14, 17, 30),
        True,
        """<p>Đây là Đại hội đầu tiên của Đảng bộ phường An Phong kể từ khi phường được thành lập theo Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội và chính quyền địa phương hai cấp đi vào hoạt động từ ngày 1/7/2025.</p>
<p>Dự Đại hội có đồng chí Lê Anh Quân, Phó Chủ tịch Thường trực UBND thành phố Hải Phòng; đồng chí Nguyễn Đình Chuyến, Trưởng Ban Nội chính Thành ủy Hải Phòng; đồng chí Nguyễn Đức Tuấn, Phó Chủ tịch Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hải Phòng, người phát biểu chỉ đạo Đại hội.</p>
<h2>Định hướng</h2>
<p>Đại hội xác định: xây dựng Đảng là then chốt; phát triển kinh tế bền vững là trung tâm; nâng cao đời sống Nhân dân là mục tiêu; bảo đảm quốc phòng, an ninh là trọng yếu.</p>
<h2>Ba khâu đột phá</h2>
<ol><li>Hoàn thiện hạ tầng đô thị và giao thông kết nối liên vùng.</li><li>Chuyển đổi số trong quản lý hành chính và trong đời sống người dân.</li><li>Phát triển dịch vụ logistics gắn với các khu công nghiệp; nâng sản phẩm OCOP lên chuẩn 4 sao; mở rộng không gian xanh, công viên và khu sinh hoạt cộng đồng hiện đại.</li></ol>
<p>Tại Đại hội đã công bố các quyết định chỉ định Ban Chấp hành Đảng bộ phường An Phong, Ban Thường vụ và Ủy ban Kiểm tra Đảng ủy phường An Phong cùng các chức danh chủ chốt nhiệm kỳ 2025–2030.</p>""",
        [
            (
                "hall",
                "Quang cảnh Đại hội (ảnh minh họa)",
                "Hình vẽ minh họa hội trường với sân khấu đỏ, cờ và hàng ghế đại biểu",
            ),
            (
                "delegates",
                "Đại biểu dự Đại hội (ảnh minh họa)",
                "Hình vẽ minh họa các đại biểu giơ thẻ biểu quyết",
            ),
            (
                "flowers",
                "Sân khấu Đại hội (ảnh minh họa)",
                "Hình vẽ minh họa hàng người đứng trên sân khấu cầm hoa",
            ),
            (
                "banner",
                "Phương châm Đại hội: Đoàn kết – Dân chủ – Kỷ cương – Sáng tạo – Phát triển (ảnh minh họa)",
                "Hình vẽ minh họa băng rôn đỏ chữ vàng",
            ),
        ],
    ),
    (
        "chi-tieu-chu-yeu-nhiem-ky-2025-2030",
        "tin-dai-hoi",
        "Những chỉ tiêu chủ yếu của Đảng bộ phường An Phong nhiệm kỳ 2025–2030",
        "Chỉ tiêu nhiệm kỳ gồm: 95% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình, 100% cán bộ, công chức đạt chuẩn kỹ năng số, 97,5% dân số tham gia bảo hiểm y tế, giảm nghèo bền vững, không còn hộ nghèo.",
        _dt(2025, 8, 15, 9, 0),
        True,
        """<p>Đại hội đại biểu Đảng bộ phường An Phong lần thứ I thống nhất các chỉ tiêu chủ yếu cho nhiệm kỳ 2025–2030 như sau:</p>
<table><thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Mục tiêu</th></tr></thead><tbody>
<tr><td>Tổ chức đảng triển khai thực hiện kịp thời các nghị quyết</td><td>100%</td></tr>
<tr><td>Kết nạp đảng viên mới</td><td>3,5%/năm</td></tr>
<tr><td>Thành lập mới tổ chức đảng</td><td>3</td></tr>
<tr><td>Hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình</td><td>95%</td></tr>
<tr><td>Cán bộ, công chức đạt chuẩn kỹ năng số</td><td>100%</td></tr>
<tr><td>Tỷ lệ dân số tham gia bảo hiểm y tế</td><td>97,5%</td></tr>
<tr><td>Lực lượng lao động tham gia bảo hiểm xã hội</td><td>98%</td></tr>
<tr><td>Trường học có nhà đa năng, phòng học thông minh</td><td>100%</td></tr>
<tr><td>Gia đình văn hóa</td><td>98%</td></tr>
<tr><td>Tổ dân phố văn hóa</td><td>97,4%</td></tr>
<tr><td>Hộ nghèo</td><td>0 (giảm nghèo bền vững)</td></tr>
</tbody></table>""",
        [],
    ),
    (
        "ba-khau-dot-pha-nhiem-ky-2025-2030",
        "tin-dai-hoi",
        "Ba khâu đột phá của nhiệm kỳ 2025–2030",
        "Hạ tầng đô thị và giao thông liên vùng; chuyển đổi số; logistics gắn với khu công nghiệp cùng sản phẩm OCOP 4 sao và không gian xanh là ba khâu đột phá Đại hội lựa chọn.",
        _dt(2025, 8, 16, 8, 30),
        True,
        """<p>Nằm ở vị trí trung tâm, kết nối phía đông và phía tây thành phố Hải Phòng, phường An Phong có lợi thế về công nghiệp, dịch vụ, logistics và nông nghiệp đô thị sinh thái. Trên địa bàn phường có Khu công nghiệp An Dương.</p>
<h2>Đột phá thứ nhất: hạ tầng</h2>
<p>Hoàn thiện hạ tầng đô thị và giao thông kết nối liên vùng.</p>
<h2>Đột phá thứ hai: chuyển đổi số</h2>
<p>Đẩy mạnh chuyển đổi số (CĐS) trong quản lý hành chính và trong đời sống của người dân.</p>
<h2>Đột phá thứ ba: logistics, OCOP và không gian xanh</h2>
<p>Phát triển dịch vụ logistics gắn với các khu công nghiệp; nâng các sản phẩm OCOP đạt chuẩn 4 sao; mở rộng không gian xanh, công viên và khu sinh hoạt cộng đồng hiện đại.</p>""",
        [
            (
                "city",
                "Hạ tầng giao thông kết nối liên vùng (ảnh minh họa)",
                "Hình vẽ minh họa con đường rộng, cây xanh và nhà cao tầng",
            )
        ],
    ),
    (
        "dong-chi-nguyen-duc-tuan-phat-bieu-chi-dao-dai-hoi",
        "tin-dai-hoi",
        "Đồng chí Nguyễn Đức Tuấn phát biểu chỉ đạo Đại hội: đẩy mạnh chuyển đổi số, xây dựng mô hình đô thị thông minh",
        "Phát biểu chỉ đạo Đại hội, đồng chí Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố Hải Phòng đánh giá cao 03 khâu đột phá mà Ban Chấp hành trình Đại hội và nêu các nội dung chỉ đạo.",
        _dt(2025, 8, 14, 19, 0),
        False,
        """<p>Đồng chí Nguyễn Đức Tuấn, Phó Chủ tịch Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hải Phòng, đã phát biểu chỉ đạo Đại hội. Đồng chí đánh giá cao 03 khâu đột phá mà Ban Chấp hành Đảng bộ phường An Phong trình Đại hội, đồng thời đề nghị:</p>
<ul><li>Đẩy mạnh chuyển đổi số, ứng dụng khoa học – công nghệ trong hệ thống chính trị;</li><li>Huy động các nguồn lực để xây dựng mô hình đô thị thông minh trên địa bàn phường;</li><li>Phát triển kinh tế tư nhân, chuyển hộ kinh doanh lên mô hình doanh nghiệp;</li><li>Quy hoạch, đầu tư trường học hiện đại đạt chuẩn quốc gia, trường học thông minh.</li></ul>""",
        [
            (
                "podium",
                "Đại biểu phát biểu tại Đại hội (ảnh minh họa)",
                "Hình vẽ minh họa bục phát biểu có hoa và micro",
            )
        ],
    ),
    (
        "cong-bo-quyet-dinh-chi-dinh-ban-chap-hanh-nhiem-ky-2025-2030",
        "xay-dung-dang",
        "Công bố quyết định chỉ định Ban Chấp hành Đảng bộ phường An Phong, Ban Thường vụ, Ủy ban Kiểm tra Đảng ủy phường An Phong",
        "Đại hội công bố các quyết định chỉ định Ban Chấp hành Đảng bộ phường An Phong, Ban Thường vụ, Ủy ban Kiểm tra Đảng ủy phường An Phong và các chức danh chủ chốt nhiệm kỳ 2025–2030.",
        _dt(2025, 8, 14, 18, 0),
        False,
        """<p>Các chức danh chủ chốt nhiệm kỳ 2025–2030:</p>
<ul><li>Đồng chí Lê Khắc Nguyên Anh – Bí thư Đảng ủy phường, Chủ tịch HĐND phường;</li><li>Đồng chí Lâm Văn Đạt – Phó Bí thư Đảng ủy, Chủ tịch UBND phường;</li><li>Đồng chí Nguyễn Văn Phức – Phó Bí thư Thường trực Đảng ủy phường.</li></ul>""",
        [],
    ),
    (
        "ket-qua-nhiem-ky-2020-2025-15-15-chi-tieu",
        "xay-dung-dang",
        "Nhiệm kỳ 2020–2025: 15/15 chỉ tiêu nghị quyết đạt và vượt",
        "Dù chịu ảnh hưởng của dịch Covid-19 và bão số 3 (Yagi, năm 2024), các phường tiền thân đạt và vượt 15/15 chỉ tiêu nghị quyết, kết nạp 175 đảng viên mới.",
        _dt(2025, 8, 12, 8, 0),
        False,
        """<p>Kết quả nhiệm kỳ 2020–2025 của các phường tiền thân:</p>
<ul><li>15/15 chỉ tiêu nghị quyết đạt và vượt;</li><li>kết nạp 175 đảng viên mới; thành lập tổ chức đảng trong doanh nghiệp ngoài nhà nước;</li><li>thu ngân sách tăng bình quân 12%/năm; giá trị sản phẩm tăng 14%;</li><li>hoàn thành nông thôn mới kiểu mẫu; phát triển nông nghiệp công nghệ cao; sản phẩm OCOP được bán trên sàn thương mại điện tử;</li><li>thu nhập bình quân 90 triệu đồng/người/năm; không còn hộ nghèo.</li></ul>
<p>Về văn hóa – xã hội: 94% tổ dân phố đạt danh hiệu văn hóa; 100% học sinh tốt nghiệp trung học cơ sở; lao động qua đào tạo đạt 93%; trạm y tế đạt chuẩn quốc gia; 99,5% người dân sử dụng nước sạch; duy trì tỷ lệ lao động có việc làm 98%; 100% hộ chính sách có mức sống khá trở lên. Tỷ lệ điều tra, khám phá án đạt 81,4%.</p>""",
        [],
    ),
    (
        "phuong-an-phong-hinh-thanh-tu-cac-phuong-tien-than",
        "thong-bao",
        "Phường An Phong được hình thành từ những đơn vị nào?",
        "Phường An Phong có diện tích 27,92 km² và 44.660 người dân, được thành lập trên cơ sở toàn bộ hai phường An Hòa, Hồng Phong và phần còn lại của bốn phường Đại Bản, Lê Thiện, Tân Tiến, Lê Lợi.",
        _dt(2025, 7, 2, 8, 0),
        False,
        """<p>Theo Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội, phường An Phong được thành lập trên cơ sở:</p>
<ul><li>toàn bộ diện tích tự nhiên và dân số của phường An Hòa và phường Hồng Phong;</li><li>phần còn lại của các phường Đại Bản, Lê Thiện, Tân Tiến và Lê Lợi, sau khi phần khác của các phường này được sắp xếp vào các phường mới lân cận.</li></ul>
<p>Trước ngày 1/7/2025, các phường An Hòa, Hồng Phong, Lê Thiện, Tân Tiến, Lê Lợi thuộc quận An Dương; phường Đại Bản thuộc quận Hồng Bàng.</p>
<p>Phường có diện tích tự nhiên 27,92 km², dân số 44.660 người. Chính quyền địa phương hai cấp chính thức hoạt động từ ngày 1/7/2025.</p>""",
        [
            (
                "map",
                "Sơ đồ các đơn vị hành chính cũ hợp thành phường An Phong (hình minh họa, không theo tỷ lệ)",
                "Hình vẽ minh họa sáu mảng màu ghép thành một vùng, không phải bản đồ thật",
            )
        ],
    ),
    (
        "trung-tam-phuc-vu-hanh-chinh-cong-phuong-di-vao-hoat-dong",
        "chuyen-doi-so",
        "Trung tâm Phục vụ hành chính công phường An Phong đi vào hoạt động",
        "Từ ngày 1/7/2025, Trung tâm Phục vụ hành chính công phường An Phong tiếp nhận 100% thủ tục hành chính trên môi trường điện tử.",
        _dt(2025, 7, 1, 15, 0),
        True,
        """<p>Cùng với việc vận hành chính quyền địa phương hai cấp, Trung tâm Phục vụ hành chính công phường An Phong chính thức hoạt động từ ngày 1/7/2025 và tiếp nhận 100% thủ tục hành chính trên môi trường điện tử.</p>
<p>Chỉ tiêu nhiệm kỳ 2025–2030 là 95% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình.</p>""",
        [
            (
                "counter",
                "Quầy tiếp nhận hồ sơ tại Trung tâm (ảnh minh họa)",
                "Hình vẽ minh họa quầy giao dịch với màn hình máy tính",
            ),
            (
                "screen",
                "Màn hình tra cứu thủ tục hành chính (ảnh minh họa)",
                "Hình vẽ minh họa màn hình cảm ứng hiển thị danh sách thủ tục",
            ),
        ],
    ),
    (
        "chuyen-doi-so-95-phan-tram-ho-so-truc-tuyen-toan-trinh",
        "chuyen-doi-so",
        "Chuyển đổi số: hướng tới 95% hồ sơ trực tuyến toàn trình",
        "Chuyển đổi số là một trong ba khâu đột phá của nhiệm kỳ 2025–2030; chỉ tiêu nhiệm kỳ là 100% cán bộ, công chức đạt chuẩn kỹ năng số.",
        _dt(2025, 8, 20, 8, 0),
        False,
        """<p>Khâu đột phá thứ hai của nhiệm kỳ là đẩy mạnh chuyển đổi số (CĐS) trong quản lý hành chính và trong đời sống của người dân. Chỉ tiêu nhiệm kỳ: 95% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình; 100% cán bộ, công chức đạt chuẩn kỹ năng số.</p>
<p>Phát biểu chỉ đạo Đại hội, đồng chí Nguyễn Đức Tuấn đề nghị đẩy mạnh chuyển đổi số, ứng dụng khoa học – công nghệ trong hệ thống chính trị và huy động các nguồn lực để xây dựng mô hình đô thị thông minh trên địa bàn phường.</p>""",
        [],
    ),
    (
        "dang-bo-phuong-an-phong-1129-dang-vien",
        "xay-dung-dang",
        "Đảng bộ phường An Phong: 1.129 đảng viên sinh hoạt tại 51 chi bộ, đảng bộ trực thuộc",
        "Đảng bộ phường An Phong có 1.129 đảng viên sinh hoạt tại 51 chi bộ, đảng bộ trực thuộc, với phương châm “Phát huy truyền thống, đổi mới sáng tạo, xây dựng An Phong phát triển nhanh và bền vững”.",
        _dt(2025, 8, 10, 8, 0),
        False,
        """<p>Sau sắp xếp đơn vị hành chính, Đảng bộ phường An Phong có 1.129 đảng viên, sinh hoạt tại 51 chi bộ, đảng bộ trực thuộc.</p>
<p>Chỉ tiêu nhiệm kỳ 2025–2030: 100% tổ chức đảng triển khai thực hiện kịp thời các nghị quyết; kết nạp đảng viên mới 3,5%/năm; thành lập mới 3 tổ chức đảng.</p>""",
        [],
    ),
    (
        "logistics-khu-cong-nghiep-an-duong-ocop-4-sao",
        "kinh-te-xa-hoi",
        "Phát triển logistics gắn với các khu công nghiệp, nâng sản phẩm OCOP đạt chuẩn 4 sao",
        "Công nghiệp, dịch vụ, logistics và nông nghiệp đô thị sinh thái là những thế mạnh của phường An Phong được Đại hội xác định.",
        _dt(2025, 8, 25, 8, 0),
        False,
        """<p>Đại hội xác định phát triển kinh tế bền vững là trung tâm. Khu công nghiệp An Dương nằm trên địa bàn phường; khâu đột phá thứ ba của nhiệm kỳ là phát triển dịch vụ logistics gắn với các khu công nghiệp, nâng sản phẩm OCOP đạt chuẩn 4 sao, mở rộng không gian xanh, công viên và khu sinh hoạt cộng đồng hiện đại.</p>
<p>Nhiệm kỳ 2020–2025, sản phẩm OCOP của các phường tiền thân đã được bán trên sàn thương mại điện tử. Phát biểu chỉ đạo Đại hội, đồng chí Nguyễn Đức Tuấn đề nghị phát triển kinh tế tư nhân, chuyển hộ kinh doanh lên mô hình doanh nghiệp.</p>""",
        [
            (
                "warehouse",
                "Kho hàng logistics (ảnh minh họa)",
                "Hình vẽ minh họa nhà kho, xe tải và container",
            )
        ],
    ),
    (
        "cham-lo-doi-song-nhan-dan-khong-con-ho-ngheo",
        "kinh-te-xa-hoi",
        "Nâng cao đời sống Nhân dân: giảm nghèo bền vững",
        "Thu nhập bình quân đạt 90 triệu đồng/người/năm; chỉ tiêu nhiệm kỳ mới: 97,5% dân số tham gia bảo hiểm y tế, 98% lực lượng lao động tham gia bảo hiểm xã hội, giảm nghèo bền vững.",
        _dt(2025, 9, 2, 8, 0),
        False,
        """<p>Đại hội xác định nâng cao đời sống Nhân dân là mục tiêu. Kết thúc nhiệm kỳ 2020–2025, thu nhập bình quân đạt 90 triệu đồng/người/năm và không còn hộ nghèo.</p>
<p>Chỉ tiêu nhiệm kỳ 2025–2030: 97,5% dân số tham gia bảo hiểm y tế, 98% lực lượng lao động tham gia bảo hiểm xã hội, 98% gia đình văn hóa, 97,4% tổ dân phố văn hóa, không còn hộ nghèo (giảm nghèo bền vững).</p>""",
        [
            (
                "park",
                "Khu sinh hoạt cộng đồng và công viên (ảnh minh họa)",
                "Hình vẽ minh họa công viên có cây xanh, ghế đá và sân chơi",
            )
        ],
    ),
    (
        "truong-hoc-dat-chuan-quoc-gia-truong-hoc-thong-minh",
        "kinh-te-xa-hoi",
        "Hướng tới trường học đạt chuẩn quốc gia và trường học thông minh",
        "Chỉ tiêu nhiệm kỳ 2025–2030: 100% trường học có nhà đa năng và phòng học thông minh.",
        _dt(2025, 9, 5, 8, 0),
        False,
        """<p>Phát biểu chỉ đạo Đại hội, đồng chí Nguyễn Đức Tuấn đề nghị quy hoạch, đầu tư trường học hiện đại đạt chuẩn quốc gia, trường học thông minh.</p>
<p>Nhiệm kỳ 2020–2025, 100% học sinh tốt nghiệp trung học cơ sở. Chỉ tiêu nhiệm kỳ 2025–2030 là 100% trường học có nhà đa năng và phòng học thông minh.</p>""",
        [
            (
                "school",
                "Phòng học thông minh (ảnh minh họa)",
                "Hình vẽ minh họa lớp học với bảng tương tác và bàn ghế",
            )
        ],
    ),
]

ISSUING_BODIES = [
    ("uy-ban-thuong-vu-quoc-hoi", "Ủy ban Thường vụ Quốc hội", 1),
    ("dang-bo-phuong-an-phong", "Đảng bộ phường An Phong", 2),
    ("dang-uy-phuong-an-phong", "Đảng ủy phường An Phong", 3),
    ("ubnd-phuong-an-phong", "UBND phường An Phong", 4),
]

# (slug, type, number, body slug, issued, effective, summary, illustrative, related articles)
DOCUMENTS = [
    (
        "nghi-quyet-1669-nq-ubtvqh15",
        "nghi-quyet",
        "1669/NQ-UBTVQH15",
        "uy-ban-thuong-vu-quoc-hoi",
        date(2025, 6, 16),
        None,
        "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã của thành phố Hải Phòng; Điều 1 khoản 24 thành lập phường An Phong trên cơ sở toàn bộ diện tích tự nhiên và dân số của các phường An Hòa, Hồng Phong và phần còn lại của các phường Đại Bản, Lê Thiện, Tân Tiến, Lê Lợi.",
        True,
        ["phuong-an-phong-hinh-thanh-tu-cac-phuong-tien-than"],
    ),
    (
        "nghi-quyet-dai-hoi-dang-bo-phuong-lan-thu-i",
        "nghi-quyet",
        "MH-01/NQ-ĐH",
        "dang-bo-phuong-an-phong",
        date(2025, 8, 14),
        date(2025, 8, 14),
        "Nghị quyết Đại hội đại biểu Đảng bộ phường An Phong lần thứ I, nhiệm kỳ 2025–2030: phương hướng, mục tiêu, 11 chỉ tiêu chủ yếu và ba khâu đột phá.",
        True,
        [
            "dai-hoi-dang-bo-phuong-an-phong-lan-thu-i-thanh-cong-tot-dep",
            "chi-tieu-chu-yeu-nhiem-ky-2025-2030",
            "ba-khau-dot-pha-nhiem-ky-2025-2030",
        ],
    ),
    (
        "ke-hoach-chuyen-doi-so-2025-2030",
        "ke-hoach",
        "MH-02/KH-UBND",
        "ubnd-phuong-an-phong",
        date(2025, 9, 1),
        date(2025, 9, 1),
        "Kế hoạch thực hiện khâu đột phá về chuyển đổi số giai đoạn 2025–2030: 95% hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình, 100% cán bộ, công chức đạt chuẩn kỹ năng số.",
        True,
        ["chuyen-doi-so-95-phan-tram-ho-so-truc-tuyen-toan-trinh"],
    ),
    (
        "thong-bao-trung-tam-phuc-vu-hanh-chinh-cong",
        "thong-bao",
        "MH-03/TB-UBND",
        "ubnd-phuong-an-phong",
        date(2025, 7, 1),
        date(2025, 7, 1),
        "Thông báo về việc Trung tâm Phục vụ hành chính công phường An Phong bắt đầu tiếp nhận, giải quyết thủ tục hành chính từ ngày 1/7/2025; 100% thủ tục được tiếp nhận trên môi trường điện tử.",
        True,
        ["trung-tam-phuc-vu-hanh-chinh-cong-phuong-di-vao-hoat-dong"],
    ),
    (
        "chuong-trinh-hanh-dong-thuc-hien-nghi-quyet-dai-hoi",
        "ke-hoach",
        "MH-04/CTr-ĐU",
        "dang-uy-phuong-an-phong",
        date(2025, 9, 15),
        None,
        "Chương trình hành động của Đảng ủy phường An Phong thực hiện Nghị quyết Đại hội: phát triển logistics gắn với các khu công nghiệp, nâng sản phẩm OCOP đạt chuẩn 4 sao, xây dựng trường học thông minh.",
        True,
        ["logistics-khu-cong-nghiep-an-duong-ocop-4-sao"],
    ),
]
