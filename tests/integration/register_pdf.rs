//! The register PDF, checked with poppler rather than by eye: the text comes back
//! with `pdftotext` (title, every record's key fields, totals in figures and in
//! capital numerals), `pdffonts` shows the shipped font embedded as a subset with a
//! ToUnicode map, a register of 25+ pages repeats its table header and numbers
//! every page, an empty month prints 本月无登记事项, and a page renders with
//! `pdftoppm` (kept as an artefact for people to look at).

use std::path::Path;
use std::process::Command;

use crate::common::{call, directory, open};
use chrono::{NaiveDate, TimeZone, Utc};
use qinqing::register::{self, pdf};
use serde_json::json;

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (poppler-utils is installed by make setup): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn text_of(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

fn issue() -> pdf::Issue<'static> {
    pdf::Issue {
        register_id: "R-2026-03-TEST",
        generated_at: Utc.with_ymd_and_hms(2026, 4, 1, 1, 30, 0).unwrap(),
        draft: false,
    }
}

fn march(core: &qinqing::core::Core, department: &str) -> register::Register {
    let store = core.store();
    register::build(
        store.reader(),
        department.parse().unwrap(),
        "2026-03",
        NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
    )
    .unwrap()
}

const LONG_PURPOSE: &str = "赴深圳参加智能装备产业招商推介会并走访三家拟落户企业，了解其用地、用工、融资需求，协调解决项目落地中遇到的审批问题，同时就产业链配套、人才公寓和子女入学等事项与企业负责人逐一沟通";

#[test]
fn the_register_reads_back_with_every_record_its_totals_and_the_capital_total() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    let d = directory(&core);
    call(&core, "bureau_save", json!({"name": "沈阳市某局"}));
    call(
        &core,
        "record_create",
        json!({"departmentId": d.department, "body": {"meal": {
            "date": "2026-03-02", "mode": "canteenMeal", "counterpartId": d.canteen,
            "place": "星辰装备公司职工食堂", "officialIds": [d.officials[0], d.officials[1]],
            "enterpriseDiners": 1, "perPersonStandard": 1500, "amountPaid": 3000,
            "receiptNo": "SC-0001", "cigarettes": false, "premiumLiquor": false, "otherAlcohol": false
        }}}),
    );
    call(
        &core,
        "record_create",
        json!({"departmentId": d.department, "body": {"trip": {
            "purpose": LONG_PURPOSE, "destinationCityId": d.city, "destination": "深圳市南山区",
            "startDate": "2026-03-10", "endDate": "2026-03-12",
            "participantIds": [d.officials[0]], "counterpartIds": [d.canteen],
            "expenses": [{"officialId": d.officials[0], "category": "lodging", "date": "2026-03-10", "nights": 2,
                          "amount": 168032, "payer": "unit", "receiptNo": "H-1"}]
        }}}),
    );
    call(
        &core,
        "record_create",
        json!({"departmentId": d.department, "body": {"gift": {"received": {
            "date": "2026-03-05", "officialId": d.officials[0], "giverName": "王某", "counterpartId": d.association,
            "beneficiary": "official", "item": "新茶叶礼盒", "category": "localSpecialty", "quantity": 2,
            "estimatedValue": 60000,
            "disposition": {"surrendered": {"date": "2026-03-06", "to": "局纪检组", "voucherNo": "SJ-2026-001"}}
        }}}}),
    );
    let register = march(&core, &d.department);
    let bytes = pdf::render(&register, &issue()).unwrap();
    let file = dir.path().join("register.pdf");
    std::fs::write(&file, &bytes).unwrap();

    let text = text_of(&file);
    let flat: String = text.split_whitespace().collect();
    for expected in [
        "沈阳市某局政商交往登记簿",
        "填报单位：沈阳市某局",
        "招商服务处",
        "2026年3月1日至2026年3月31日",
        "一、随企出行",
        "二、就餐",
        "三、收受礼品礼金",
        "星辰装备公司职工食堂",
        "SC-0001",
        "新茶叶礼盒",
        "上交局纪检组",
        "¥1,680.32",
        "壹仟陆佰捌拾元零叁角贰分",
        "本月登记金额合计（随企出行费用、就餐支付、收受并留存、付款或上交的礼品与对外赠礼；拒收、退还的不计入）：¥2,310.32（人民币大写：贰仟叁佰壹拾元零叁角贰分）",
        "收受礼品：登记上交¥600.00陆佰元整",
        "随企出行费用¥1,680.32",
        "合规检查结果",
        "处室负责人（签字）",
        "分管领导（签字）",
        "第1页/共2页",
        "R-2026-03-TEST",
    ] {
        assert!(
            flat.contains(&expected.replace(' ', "")),
            "missing {expected} in:\n{text}"
        );
    }
    // The long purpose is all there, wrapped over several lines of its cell (in
    // content order, a cell's lines follow each other).
    let raw: String = poppler("pdftotext", &["-raw", file.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect();
    assert!(
        raw.contains(LONG_PURPOSE),
        "the long purpose reads back whole:\n{raw}"
    );
    let purpose_lines = text.lines().filter(|l| l.contains("赴深圳")).count()
        + text.lines().filter(|l| l.contains("子女入学")).count();
    assert_eq!(
        purpose_lines, 2,
        "its first and last words are on different lines"
    );

    let fonts = poppler("pdffonts", &[file.to_str().unwrap()]);
    let line = fonts
        .lines()
        .find(|l| l.contains("NotoSerifSC"))
        .unwrap_or_else(|| panic!("the shipped font is used:\n{fonts}"));
    let columns: Vec<&str> = line.split_whitespace().collect();
    // name type… encoding emb sub uni object ID
    let n = columns.len();
    assert_eq!(
        &columns[n - 5..n - 2],
        &["yes", "yes", "yes"],
        "embedded, subset, ToUnicode: {line}"
    );
    assert!(
        columns[0].contains('+'),
        "a subset's name has its tag: {line}"
    );
    assert_eq!(
        fonts.lines().count(),
        3,
        "one font only, no system font:\n{fonts}"
    );
    let info = poppler("pdfinfo", &[file.to_str().unwrap()]);
    assert!(
        info.contains("Title:           沈阳市某局 招商服务处 政商交往登记簿 2026-03"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       841.89 x 595.276 pts (A4)"),
        "{info}"
    );
    assert!(info.contains("CreationDate:"), "{info}");
    assert!(!info.contains("1970"), "dates are set: {info}");
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());

    // The same register and issue print the same text (printpdf's subset tags and
    // document id differ between calls in one process, so bytes are not compared).
    let again = dir.path().join("again.pdf");
    std::fs::write(&again, pdf::render(&register, &issue()).unwrap()).unwrap();
    assert!(text_of(&again) == text, "the same register reads the same");

    // A rendered page for people to look at.
    let png = dir.path().join("page");
    poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            file.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    let artefacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&artefacts).unwrap();
    let rendered = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("pdftoppm wrote a page");
    std::fs::copy(&rendered, artefacts.join("register-page-1.png")).unwrap();
}

/// March with one canteen meal of the first `officials` officials, its meals table then
/// filled with `count` copies of that row, each changed by `vary` (given its number).
fn march_of_meals(
    core: &qinqing::core::Core,
    officials: usize,
    count: usize,
    vary: impl Fn(usize, &mut Vec<String>),
) -> register::Register {
    let d = directory(core);
    call(
        core,
        "record_create",
        json!({"departmentId": d.department, "body": {"meal": {
            "date": "2026-03-02", "mode": "canteenMeal", "counterpartId": d.canteen,
            "place": "职工食堂", "officialIds": d.officials[..officials],
            "enterpriseDiners": 1, "perPersonStandard": 1500, "amountPaid": 1500,
            "receiptNo": "SC-1", "cigarettes": false, "premiumLiquor": false, "otherAlcohol": false
        }}}),
    );
    let mut register = march(core, &d.department);
    let meals = register
        .sections
        .iter_mut()
        .find(|s| s.title == "二、就餐")
        .unwrap();
    let row = meals.rows[0].clone();
    meals.rows = (1..=count)
        .map(|i| {
            let mut r = row.clone();
            r.cells[0] = i.to_string();
            vary(i, &mut r.cells);
            r
        })
        .collect();
    register
}

#[test]
fn a_long_register_repeats_its_header_and_numbers_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    // 700 meals: the table runs over many pages.
    let register = march_of_meals(&core, 1, 700, |i, cells| {
        cells[3] = format!("第{i}号职工食堂");
    });
    let file = dir.path().join("long.pdf");
    std::fs::write(&file, pdf::render(&register, &issue()).unwrap()).unwrap();
    let info = poppler("pdfinfo", &[file.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 25, "{pages} pages");
    let text = text_of(&file);
    let per_page: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(per_page.len(), pages);
    let mut continued = 0;
    for (i, page) in per_page.iter().enumerate() {
        let flat: String = page.split_whitespace().collect();
        assert!(
            flat.contains(&format!("第{}页/共{pages}页", i + 1)),
            "page {} is numbered",
            i + 1
        );
        if flat.contains("二、就餐（续）") {
            continued += 1;
            assert!(
                flat.contains("就餐人员") && flat.contains("支付金额"),
                "page {} repeats the header",
                i + 1
            );
        }
    }
    assert!(
        continued >= 20,
        "the meals table continues on {continued} pages"
    );
    assert!(text.contains("第700号职工食堂"));
}

/// The pages `pdfinfo` counts in `file`.
fn pages_of(file: &Path) -> usize {
    poppler("pdfinfo", &[file.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn a_busy_month_of_465_meals_fits_in_40_pages_and_150_kb_signed() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    let register = march_of_meals(&core, 2, 465, |i, cells| {
        cells[1] = format!("2026-03-{:02}", 1 + i % 31);
        cells[4] = format!(
            "企业职工食堂（{}号楼，调研智能装备产业链配套及用工需求）",
            1 + i % 7
        );
        cells[8] = format!("SC-{i:04}");
    });
    let unsigned = pdf::render(&register, &issue()).unwrap();
    let key = {
        let subject = qinqing::signing::keys::Subject {
            name: "赵处长",
            staff_no: "A-04",
            department: "招商服务处",
            bureau: "沈阳市示范区投资促进局",
            title: "处室负责人",
        };
        let issued = qinqing::signing::keys::issue(
            &subject,
            "pass phrase",
            Utc::now(),
            &mut rand_core::OsRng,
        )
        .unwrap();
        qinqing::signing::keys::unlock(
            &issued.encrypted_key,
            &issued.certificate_der,
            "pass phrase",
        )
        .unwrap()
    };
    let at = Utc::now();
    let signed = pdf::seal::append_signature(
        &unsigned,
        &pdf::seal::SignatureField {
            field: "处室负责人签署",
            signer: "赵处长（A-04）",
            reason: "签署 sign",
            at,
        },
        |digest| qinqing::signing::cms::sign_detached(&key, digest, at).map_err(|e| e.to_string()),
    )
    .unwrap();
    let file = dir.path().join("busy.pdf");
    std::fs::write(&file, &signed).unwrap();
    let pages = pages_of(&file);
    assert!(pages <= 40, "{pages} pages");
    assert!(signed.len() < 150 * 1024, "{} bytes", signed.len());
    // Nothing clipped: every row's receipt number and place come back whole.
    let flat: String = text_of(&file).split_whitespace().collect();
    for i in 1..=465 {
        assert!(flat.contains(&format!("SC-{i:04}")), "row {i}");
    }
    assert_eq!(
        flat.matches("调研智能装备产业链配套及用工需求").count(),
        465,
        "every place whole"
    );
    // A full page of the table, for people to look at.
    let png = dir.path().join("busy");
    poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            "-f",
            "2",
            "-l",
            "2",
            file.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    let rendered = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("pdftoppm wrote a page");
    let artefacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&artefacts).unwrap();
    std::fs::copy(&rendered, artefacts.join("register-busy-page-2.png")).unwrap();
    eprintln!("465 meals: {pages} pages, {} bytes signed", signed.len());
}

#[test]
fn an_empty_month_prints_a_nil_register() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    let d = directory(&core);
    let register = march(&core, &d.department);
    assert!(register.is_nil());
    let file = dir.path().join("nil.pdf");
    std::fs::write(&file, pdf::render(&register, &issue()).unwrap()).unwrap();
    let flat: String = text_of(&file).split_whitespace().collect();
    assert!(flat.contains("本月无登记事项"));
    assert!(flat.contains("处室负责人（签字）"));
    assert!(
        !flat.contains("二、就餐"),
        "a nil register has no empty tables"
    );
}

#[test]
fn the_cli_writes_a_draft_that_says_it_is_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    {
        let core = open(&db);
        let d = directory(&core);
        call(
            &core,
            "record_create",
            json!({"departmentId": d.department, "body": {"contact": {
                "date": "2026-03-08", "activity": "visit", "counterpartIds": [d.canteen],
                "officialIds": [d.officials[0]], "initiatedBy": "counterpart",
                "purpose": "走访了解企业用地需求", "outcome": "协调解决两项问题"
            }}}),
        );
    }
    let out = dir.path().join("草稿.pdf");
    let run = crate::common::qinqing(
        &db,
        &[
            "register",
            "draft",
            "--department",
            "招商服务处",
            "--month",
            "2026-03",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("尚待审核 1 条"));
    let flat: String = text_of(&out).split_whitespace().collect();
    assert!(flat.contains("草稿（未签署，不作报送依据）"));
    assert!(flat.contains("走访了解企业用地需求"));
    // A month that is not one is refused, and no file is written.
    let bad = dir.path().join("bad.pdf");
    let run = crate::common::qinqing(
        &db,
        &[
            "register",
            "draft",
            "--department",
            "招商服务处",
            "--month",
            "2026-13",
            "--out",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(!bad.exists());
}
