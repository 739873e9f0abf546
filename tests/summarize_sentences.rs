//! Sentence splitting: every place where Arabic text has an end mark that does not end a
//! sentence, and the places where it does. Each case is an input written for the test and
//! the exact sentences expected.

use tahlil::structure::split_sentences;

fn sents(s: &str) -> Vec<&str> {
    let mut v = Vec::new();
    split_sentences(s, 0..s.len(), &mut v);
    v.into_iter().map(|r| &s[r]).collect()
}

#[test]
fn end_marks_and_runs() {
    // . ! ? ؟ … ۔ each end a sentence; a run is one end
    assert_eq!(
        sents("هل زرت مصر؟ نعم زرتها. يا لها من رحلة! حقا؟! طبعا."),
        ["هل زرت مصر؟", "نعم زرتها.", "يا لها من رحلة!", "حقا؟!", "طبعا."]
    );
    assert_eq!(sents("زرت مصر۔ ثم عدت۔"), ["زرت مصر۔", "ثم عدت۔"]);
    assert_eq!(sents("Really? Yes!!! Fine."), ["Really?", "Yes!!!", "Fine."]);
    assert_eq!(sents("انتظر… ثم تكلم"), ["انتظر…", "ثم تكلم"]);
    assert_eq!(sents("انتظر... ثم تكلم"), ["انتظر...", "ثم تكلم"]);
    assert_eq!(sents("عمر.. اعتذر لتبقى كبيرا"), ["عمر..", "اعتذر لتبقى كبيرا"]);
    assert_eq!(sents("ماذا حدث؟!... لا أحد يعرف"), ["ماذا حدث؟!...", "لا أحد يعرف"]);
    // a missing space after the mark still ends the sentence
    assert_eq!(sents("الوضع صعب.وقال الوزير"), ["الوضع صعب.", "وقال الوزير"]);
    // the paragraph end closes the last sentence, with or without a mark
    assert_eq!(sents("جملة بلا علامة"), ["جملة بلا علامة"]);
}

#[test]
fn commas_semicolons_colons_do_not_end() {
    assert_eq!(
        sents("أولا، ثانيا؛ ثالثا: رابعا, خامسا; سادسا"),
        ["أولا، ثانيا؛ ثالثا: رابعا, خامسا; سادسا"]
    );
}

#[test]
fn closing_quotes_and_brackets_stay_with_the_sentence() {
    assert_eq!(sents("قال: \"انتهى الأمر.\" ثم خرج"), ["قال: \"انتهى الأمر.\"", "ثم خرج"]);
    assert_eq!(sents("قال: «انتهى الأمر!» ثم خرج"), ["قال: «انتهى الأمر!»", "ثم خرج"]);
    assert_eq!(sents("(كما قال.) ثم مضى"), ["(كما قال.)", "ثم مضى"]);
    assert_eq!(
        sents("قال تعالى ﴿اقرأ باسم ربك.﴾ ثم قرأ"),
        ["قال تعالى ﴿اقرأ باسم ربك.﴾", "ثم قرأ"]
    );
    assert_eq!(sents("هل انتهى؟\") نعم"), ["هل انتهى؟\")", "نعم"]);
}

#[test]
fn decimal_points_and_separators() {
    assert_eq!(
        sents("بلغت النسبة 3.5 في المئة. ثم ارتفعت."),
        ["بلغت النسبة 3.5 في المئة.", "ثم ارتفعت."]
    );
    // Arabic-Indic digits with a dot, and the Arabic decimal separator U+066B
    assert_eq!(sents("بلغ النمو ٣.٥ بالمئة. وهذا جيد"), ["بلغ النمو ٣.٥ بالمئة.", "وهذا جيد"]);
    assert_eq!(sents("بلغ النمو ٣٫٥ بالمئة. وهذا جيد"), ["بلغ النمو ٣٫٥ بالمئة.", "وهذا جيد"]);
    assert_eq!(sents("سعر الصرف 1,234.56 دولار. انتهى"), ["سعر الصرف 1,234.56 دولار.", "انتهى"]);
    // a number at the end of a sentence
    assert_eq!(sents("بلغ عددهم 25. ثم زادوا"), ["بلغ عددهم 25.", "ثم زادوا"]);
}

#[test]
fn dates_and_times() {
    assert_eq!(sents("في 1.1.2020 بدأ العمل. وانتهى"), ["في 1.1.2020 بدأ العمل.", "وانتهى"]);
    assert_eq!(sents("الساعة 10.30 صباحا. ثم"), ["الساعة 10.30 صباحا.", "ثم"]);
    assert_eq!(sents("ولد عام 1950 م. في القاهرة."), ["ولد عام 1950 م. في القاهرة."]);
    assert_eq!(sents("توفي سنة 1400 هـ. في مكة"), ["توفي سنة 1400 هـ. في مكة"]);
}

#[test]
fn abbreviations_and_initials() {
    assert_eq!(sents("قال د. محمد إن الوضع صعب."), ["قال د. محمد إن الوضع صعب."]);
    assert_eq!(sents("حاضر أ.د. أحمد علي اليوم."), ["حاضر أ.د. أحمد علي اليوم."]);
    assert_eq!(sents("وصل م. خالد أمس. ثم غادر"), ["وصل م. خالد أمس.", "ثم غادر"]);
    assert_eq!(sents("العنوان ص.ب. 123 الرياض"), ["العنوان ص.ب. 123 الرياض"]);
    assert_eq!(sents("بلغ المبلغ 50 د.ك للفرد"), ["بلغ المبلغ 50 د.ك للفرد"]);
    assert_eq!(sents("كتب J. K. Rowling الرواية."), ["كتب J. K. Rowling الرواية."]);
    assert_eq!(sents("Dr. Smith met Mr. Brown vs. Jones."), ["Dr. Smith met Mr. Brown vs. Jones."]);
    assert_eq!(sents("زار U.S. وفدا. ثم عاد"), ["زار U.S. وفدا.", "ثم عاد"]);
}

#[test]
fn etc_ends_a_sentence() {
    // decision: إلخ. is treated like any word followed by a full stop
    assert_eq!(sents("اشترى الخبز والأرز إلخ. ثم عاد"), ["اشترى الخبز والأرز إلخ.", "ثم عاد"]);
    assert_eq!(sents("الخبز والأرز (إلخ) متوفرة"), ["الخبز والأرز (إلخ) متوفرة"]);
}

#[test]
fn urls_emails_handles() {
    assert_eq!(
        sents("زار موقع bbc.com/arabic أمس. وعاد"),
        ["زار موقع bbc.com/arabic أمس.", "وعاد"]
    );
    assert_eq!(
        sents("انظر https://example.com/a.html?id=1&x=2! ثم راسل info@example.org. وانتهى"),
        ["انظر https://example.com/a.html?id=1&x=2!", "ثم راسل info@example.org.", "وانتهى"]
    );
    assert_eq!(sents("زوروا www.aljazeera.net. شكرا"), ["زوروا www.aljazeera.net.", "شكرا"]);
}

#[test]
fn numbered_list_markers_at_paragraph_start() {
    assert_eq!(sents("1. استخدم حس الفكاهة"), ["1. استخدم حس الفكاهة"]);
    assert_eq!(sents("12. اطلب توضيحا. ثم أجب"), ["12. اطلب توضيحا.", "ثم أجب"]);
    assert_eq!(sents("٤. ميزة جديدة"), ["٤. ميزة جديدة"]);
    assert_eq!(sents("(3). البند الثالث"), ["(3). البند الثالث"]);
    // section numbers such as 5.1 never split
    assert_eq!(sents("5.1 اتفق البلدان على التعاون."), ["5.1 اتفق البلدان على التعاون."]);
    // a number not at the start is not a list marker
    assert_eq!(sents("فاز الفريق 2. ثم خسر"), ["فاز الفريق 2.", "ثم خسر"]);
}

#[test]
fn ellipsis_inside_quotes() {
    // an ellipsis inside a quotation that closes later is a pause, not an end
    assert_eq!(
        sents("قال: \"لا أعرف... ربما غدا\" ثم صمت. وانصرف"),
        ["قال: \"لا أعرف... ربما غدا\" ثم صمت.", "وانصرف"]
    );
    assert_eq!(sents("قال: «انتظروا… سنعود» وخرج"), ["قال: «انتظروا… سنعود» وخرج"]);
    // other marks inside a quotation do end sentences (long quotes stay splittable)
    assert_eq!(
        sents("قال: \"انتهى الأمر. سنعود غدا\" ثم خرج"),
        ["قال: \"انتهى الأمر.", "سنعود غدا\" ثم خرج"]
    );
    // an unclosed quotation does not swallow the paragraph
    assert_eq!(sents("قال: \"لا أعرف... ربما غدا"), ["قال: \"لا أعرف...", "ربما غدا"]);
}

#[test]
fn stray_punctuation_joins_the_previous_sentence() {
    assert_eq!(sents("انتهى. !"), ["انتهى. !"]);
    assert_eq!(sents("... بداية"), ["... بداية"]);
}
