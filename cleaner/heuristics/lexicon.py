"""Word lists the heuristics read: jusText's stoplists, the prompt vocabularies and entry stamps.

The stoplists (about 100 languages) ship with jusText, a trafilatura
dependency. Reading them is slow, so it happens lazily, a part at a time,
through the cache (`cleaner.heuristics.stoplists`), and what was read hangs
off the `Lexicon` a `Cleaner` holds; pickling a `Lexicon` ships no data, a
worker reads its own on first use.

The vocabularies cover the most common languages of the web: English,
Russian, German, Japanese, Spanish, French, Chinese (simplified and
traditional), Turkish, Portuguese, Italian, Persian, Dutch, Polish,
Vietnamese and Indonesian, and Korean: the words those widgets show on
sites in each language. Each list is grouped by language, a line or a
fragment for each (in a pattern, the comment after it names the language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

import regex

from ..cache import Cache
from ..lazy import LazyPattern
from .stoplists import Stoplists

# Scripts written without spaces between words: lengths are counted in
# characters there, and stopword density means nothing.
UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


def _words(whole: Iterable[str], inside: Iterable[str] = ()) -> str:
    """A pattern for a word list: the `whole` fragments match whole words only
    (`\\b` on both sides), the `inside` ones anywhere. `\\b` separates no
    words in Chinese and Japanese (a line is one run of letters), and Korean and
    Persian join endings to a word (Korean particles, Persian plurals after a
    zero-width non-joiner), so those words are matched as they stand."""
    parts = [rf"\b(?:{'|'.join(whole)})\b"] if whole else []
    if inside:
        parts.append(f"(?:{'|'.join(inside)})")
    return "|".join(parts)


# Share/follow rows name the networks and the verbs of their buttons; the
# words come from trafilatura's share/social class tokens ("share", "social",
# "viral") turned into the visible labels such buttons carry. Matching is on
# whole lower-cased tokens (`LineFeatures.tokens`: runs of letters), so a
# Chinese or Japanese label is one token ("分享到", "はてなブックマーク").
SHARE_WORDS = frozenset("""
share shares sharing tweet retweet pin email e-mail mail print copy link facebook twitter x linkedin whatsapp
telegram pinterest reddit tumblr instagram youtube tiktok flipboard pocket messenger viber vk vkontakte weibo
wechat line xing threads bluesky mastodon rss follow us on the via
teilen drucken folgen kopieren sie uns auf
compartir comparte compártelo síguenos siga copiar enlace correo imprimir
compartilhar compartilhe nos
partager partagez imprimer suivez nous sur copier lien
condividi stampa seguici copia
поделиться поделитесь подписывайтесь соцсетях соцсетями вконтакте вк одноклассники телеграм дзен нас ссылку
скопировать копировать распечатать
paylaş paylaşın yazdır takip bizi edin bağlantıyı kopyala posta
delen deel volg ons kopieer printen mailen
udostępnij obserwuj nas drukuj kopiuj skopiuj facebooku twitterze
اشتراک گذاری بگذارید تلگرام اینستاگرام واتساپ توییتر فیسبوک ایتا بله روبیکا لینک کوتاه کپی چاپ ایمیل ما را دنبال کنید
chia sẻ zalo theo dõi chúng tôi sao chép liên kết
bagikan ikuti kami salin tautan
シェア シェアする ツイート ポスト ポストする はてブ はてなブックマーク ブックマーク 印刷 メール lineで送る リンクをコピー フォロー
フォローする
分享 分享到 分享至 转发 轉發 转寄 轉寄 微信 微博 朋友圈 qq qq空间 豆瓣 复制链接 複製連結 打印 列印 关注我们 關注我們 臉書 推特
공유 공유하기 페이스북 트위터 카카오톡 카카오스토리 네이버 밴드 링크복사 url복사 주소복사 인쇄 이메일 스크랩
""".split())
# Words that only join a share row together ("Follow us on", "Suivez-nous sur",
# "Volg ons", "Theo dõi chúng tôi"), and labels that are ordinary words too
# ("X", "Line", "Copy link", Dutch "deel" is "part"): a row needs one
# unambiguous network name or share verb besides these.
SHARE_FILLERS = frozenset("""
us on the via x line copy link pocket threads sie uns auf nos nous sur copiar enlace copier lien copia нас ссылку
скопировать копировать bizi edin bağlantıyı kopyala deel ons kopieer nas kopiuj skopiuj ما را کنید لینک کپی کوتاه
گذاری بگذارید دنبال theo chúng tôi sao chép liên kết kami salin tautan 밴드
""".split())

# Cookie and consent banners: the word "cookie" (in most languages a loan
# word, written in Latin letters even in Chinese, Japanese and Russian text)
# or a local word for it, with the banner's verbs or nouns; trafilatura prunes
# these by class names ("cookie-banner", "consent"), plain text has only the
# words. "cookie" is found inside compounds ("Cookie-Einstellungen",
# "cookiebeleid") and against Chinese or Japanese letters ("本网站使用Cookie"),
# where `\b` sees no word edge.
COOKIE = LazyPattern(
    r"(?<![a-z])cookie|\b(?:dsgvo|gdpr|rgpd|lgpd|kvkk|rodo)\b|\bкуки|\bçerez|\bciasteczk|کوکی|クッキー|쿠키",
    regex.IGNORECASE)
COOKIE_CONTEXT = LazyPattern(_words((
    r"accept\w*|agree\w*|consent\w*|policy|settings|preferences|privacy|browsing|experience",  # en
    r"akzeptier\w*|zustimm\w*|einverstanden|datenschutz\w*|einstellungen",  # de
    r"acept\w*|política|navegación|privacidad|consentimiento|configuración",  # es
    r"accepte\w*|politique|navigation|confidentialité|consentement|paramètres",  # fr
    r"accett\w*|consenso|informativa|impostazioni|navigazione",  # it
    r"aceit\w*|navegação|privacidade|consentimento|concorda\w*",  # pt
    r"соглас\w*|принима\w*|принять|политик\w*|конфиденциальност\w*|настро\w*|персональн\w*",  # ru
    r"kabul\w*|onay\w*|politika\w*|gizlilik|ayarlar\w*|aydınlatma|deneyim\w*",  # tr
    r"akkoord|toestemming|\w*beleid|instellingen|voorkeuren|ervaring",  # nl
    r"zgod\w*|zgadza\w*|akcept\w*|polityk\w*|prywatności|ustawie\w*|przeglądar\w*",  # pl
    r"đồng ý|chấp nhận|chính sách|cài đặt|quyền riêng tư|trải nghiệm",  # vi
    r"setuju|menyetujui|terima|menerima|kebijakan|privasi|pengaturan|pengalaman",  # id
), (
    r"موافق|پذیرش|بپذیرید|سیاست|حریم خصوصی|تنظیمات|قبول",  # fa
    r"同意|承諾|許可|プライバシー|ポリシー|設定|閲覧|利用規約",  # ja
    r"接受|隐私|隱私|政策|设置|浏览|瀏覽|条款|條款",  # zh
    r"동의|허용|수락|개인정보|정책|설정|이용약관",  # ko
)), regex.IGNORECASE)
# A banner speaks for the site to the reader ("we use", "you accept", "our website");
# a sentence about cookies in an article does not.
COOKIE_VOICE = LazyPattern(_words((
    r"we|our|you|your|this (?:web)?site",  # en
    r"wir|unsere?\w*|(?-i:Sie|Ihre?\w*)|diese (?:webseite|website)",  # de: the formal "you" is capitalised
    r"usamos|utilizamos|nuestr\w*|usted|este sitio",  # es
    r"nous|notre|vous|votre|utilisons|ce site",  # fr
    r"utilizziamo|usiamo|nostr[oaie]|questo sito",  # it
    r"nosso|nossa|você|este site",  # pt
    r"мы|наш\w*|вы|ваш\w*|используем|этот сайт",  # ru
    r"siz\w*|size|sitemiz\w*|kullanıyoruz|kullanmaktayız",  # tr
    r"wij|ons|onze|je|jouw|uw|deze (?:web)?site",  # nl
    r"używamy|stosujemy|korzystamy|nasz\w*|twoj\w*|twój|wyrażasz|zgadzasz",  # pl
    r"ما|شما|این (?:وب\u200c?)?سایت",  # fa
    r"chúng tôi|bạn|quý khách|trang web này",  # vi
    r"kami|anda|situs ini",  # id
), (
    r"当サイト|本サイト|当社|弊社|お客様|あなた",  # ja
    r"我们|我們|您|本网站|本網站|本站",  # zh
    r"당사|저희|이 (?:웹)?사이트|본 (?:웹)?사이트|귀하",  # ko
)), regex.IGNORECASE)

# Newsletter and subscription prompts: what sign-up boxes say.
NEWSLETTER = LazyPattern(_words((
    r"newsletter\w*|subscribe|subscription|sign[ -]?up|inbox|e-?mail address|your email",  # en (and pl, it)
    r"abonnier\w*|anmelden",  # de
    r"suscr[ií]b\w*|suscripción|boletín",  # es
    r"abonne\w*|inscri\w*",  # fr
    r"iscriviti|abbonati",  # it
    r"inscreva\w*|assine|cadastre\w*",  # pt
    r"рассылк\w*|подпишитесь|подписаться|подписк\w*",  # ru
    r"bülten\w*|abone",  # tr
    r"nieuwsbrie\w*|abonneer\w*|inschrijven",  # nl
    r"subskryb\w*|subskrypc\w*|prenumerat\w*|zapisz się",  # pl
    r"bản tin|đăng ký nhận|nhận tin|hộp thư",  # vi
    r"buletin|berlangganan|langganan|kotak masuk|nawala",  # id
), (
    r"خبرنامه|عضویت",  # fa
    r"メールマガジン|メルマガ|ニュースレター|購読|配信登録",  # ja
    r"订阅|訂閱|电子报|電子報|邮件列表|郵件列表",  # zh
    r"뉴스레터|구독|메일링",  # ko
)), regex.IGNORECASE)
# Who a prompt addresses: sign-up boxes speak to the reader ("your inbox",
# Japanese "ご登録", Korean "받아보세요"), or open with the imperative;
# articles about newsletters do neither.
READER = LazyPattern(_words((
    r"you|your|our",  # en
    r"ihre?n?|dein\w*|unser\w*",  # de
    r"tu|tus|su|sus|nuestr\w*",  # es
    r"votre|vos|notre|nos",  # fr
    r"tuo|tua|tuoi|nostr[oaie]",  # it
    r"seu|sua|nosso|nossa|você",  # pt
    r"вы|вас|ваш\w*|наш\w*",  # ru
    r"siz\w*|size|olun|kaydolun|bültenimiz\w*",  # tr
    r"je|jouw|jij|uw|onze",  # nl
    r"twoj\w*|twój|nasz\w*",  # pl
    r"ما|شما|شوید",  # fa
    r"bạn|quý độc giả|chúng tôi",  # vi
    r"anda|kami",  # id
), (
    r"ご登録|ご購読|お届け|してください",  # ja
    r"您|你的",  # zh
    r"세요|구독하기|신청하기",  # ko
)) + r"|^(?:sign[ -]?up|subscribe|join|get|enter|receive|abonniere\w*|suscr[ií]bete|inscr[ií]vete|inscrivez|"
    r"abonnez|assine|receba|iscriviti|ricevi|подпишитесь|получайте|abone ol|schrijf|meld|zapisz|zasubskrybuj|"
    r"đăng ký|daftar|berlangganan|dapatkan)\b|^(?:立即|马上|馬上)",  # zh "subscribe now" opens the line
    regex.IGNORECASE)

# Credit lines: "Photo: …", "Image by …", "Фото: …", "写真：…", "사진=…", "Fot. PAP",
# "(AP Photo/…)", "… / Getty Images", "ⓒ 연합뉴스". Source words count too ("Quelle:",
# "图片来源："); a bare "来源：" is a Chinese article's source line, not a credit.
CREDIT = LazyPattern(
    r"^[(\[（【]?\s*(?:photo|image|picture|pic|foto|bild|imagen|imagem|credit|crédit|crédito|fotografía|quelle|"
    r"fuente|fonte|beeld|bron|fotoğraf|görsel|kaynak|zdjęcie|źródło|фото|снимок|источник|عکس|منبع|ảnh|nguồn|"
    r"sumber|写真|画像|撮影|出典|图片(?:来源)?|圖片(?:來源)?|图源|圖源|图|圖|摄影|攝影|사진(?:\s*제공)?|그래픽|출처)s?"
    r"\s*(?:[:：=＝/／|©]|by\b)|^[(\[]?fot\.\s|^عکس\s+از\s|"
    r"(?:/|\||©|ⓒ)\s*(?:(?:getty images|reuters|afp|ap|shutterstock|epa|dpa|istock|anp|ansa|efe|pap|tass|тасс|"
    r"риа новости|anadolu|aa|antara|ttxvn|irna|ایرنا|ایسنا)\b|共同通信|新华社|新華社|中新社|연합뉴스|뉴시스|뉴스1|사진\s*=)|"
    r"\((?:ap|afp|reuters|getty)\s*photo",
    regex.IGNORECASE)


@dataclass(frozen=True)
class Language:
    """The language a document's stopwords point to, or `None` (language-independent mode)."""

    name: str | None
    stopwords: frozenset[str]
    unspaced: bool = False


NO_LANGUAGE = Language(None, frozenset())


@dataclass(frozen=True)
class Lexicon:
    """Stoplists, read on first use and kept for the life of the object (a `Cleaner` holds one)."""

    def __reduce__(self):
        return (Lexicon, ())  # ship no data to workers: they read their own on first use

    @cached_property
    def stoplists(self) -> Stoplists:
        return Stoplists(Cache.default())

    def detect(self, words: Iterable[str], min_share: float, unspaced: bool = False) -> Language:
        """The language whose stoplist covers most of `words` (lower-cased), if it covers
        at least `min_share` of them; else the language-independent mode.

        This is the benchmark's jusText peer's choice (most stopword hits), done
        with an inverted index so each word costs one lookup.
        """
        if unspaced:
            return Language(None, frozenset(), unspaced=True)
        words = tuple(words)
        stoplists = self.stoplists
        hits = stoplists.hits(words)
        best = min(hits, key=lambda i: (-hits[i], i), default=0)  # the first of equals, in name order
        count = hits[best]
        if count == 0 or count < min_share * len(words):
            return NO_LANGUAGE
        return Language(stoplists.names[best], stoplists.words(best))


# Comment and teaser stamps: the date, time, age and count lines that head or
# close each entry of a comment thread or a dated teaser list ("3 hours ago",
# "March 3, 2020 at 5:12 pm", "Rating: 36 Votes", "Reply", "Jane says:"). An
# article's own sentences carry dates too; a stamp is a short line that is
# little else (the detector checks length and recurrence). Month names, full
# and short, lower case (matched ignoring case; `cleaner.learn.normalise`
# folds them too), by language; a language's list leaves out the names it
# writes as English does.
MONTHS_BY_LANGUAGE: tuple[tuple[str, str], ...] = (
    ("en", r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"),
    ("de", r"januar|februar|märz|mai|juni|juli|oktober|dezember"),  # with the English names
    ("es", r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"),
    ("fr", r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"),
    ("it", r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"),
    ("pt", r"janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"),
    ("ru", r"янв(?:аря|арь)?|фев(?:раля|раль)?|мар(?:та|т)?|апр(?:еля|ель)?|ма[йя]|июн[яь]?|июл[яь]?|"
           r"авг(?:уста|уст)?|сен(?:т(?:ября|ябрь)?)?|окт(?:ября|ябрь)?|ноя(?:бря|брь)?|дек(?:абря|абрь)?"),
    ("tr", r"ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık"),
    ("nl", r"januari|februari|maart|mrt|mei|augustus|okt"),  # with the English names
    ("pl", r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"),
    ("id", r"maret|agustus|desember"),  # with the English and Dutch names
    ("fa", r"فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|"  # solar
           r"ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر"),  # Gregorian
)
MONTH_NAMES = "|".join(names for _, names in MONTHS_BY_LANGUAGE)
# Where a number starts: `\b`, or right after a Chinese, Japanese or Korean
# letter, which those scripts write against numbers ("更新于2024-03-05",
# "約3時間前"), so `\b` sees no edge there.
_NUMBER = r"(?:\b|(?<=[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]))"
STAMP_DATE = LazyPattern(
    rf"\b(?:{MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"  # March 3, 2020
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:{MONTH_NAMES})\.?\s+(?:de\s+)?\d{{4}}|"  # 3 March 2020, 3 марта 2020
    rf"\b\d{{1,2}}\s+tháng\s+\d{{1,2}}|"  # vi: ngày 3 tháng 3 năm 2020
    rf"{_NUMBER}(?:\d{{2,4}}\s*[年년]\s*)?\d{{1,2}}\s*[月월]\s*\d{{1,2}}\s*[日일]|"  # 2020年3月3日, 2020년 3월 3일
    rf"{_NUMBER}\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b|{_NUMBER}\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?",
    regex.IGNORECASE)
# "N units ago" in each language; most put the number first, Spanish, German,
# French and Portuguese put "ago" first.
STAMP_AGE = LazyPattern(
    r"\b\d+\s*(?:s|m|h|d|w|mo|y|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|"  # en
    r"\bhace\s+\d+|"  # es
    r"\bvor\s+\d+\s+(?:sekunden|minuten|min\.?|stunden|std\.?|tag(?:en)?|wochen|monat(?:en)?|jahr(?:en)?)(?!\w)|"  # de
    r"\bil y a\s+\d+|"  # fr
    r"\bh[áa]\s+\d+\s+(?:segundos?|minutos?|horas?|dias?|semanas?|m[eê]s(?:es)?|anos?)\b|"  # pt
    r"\b\d+\s+(?:secondi|minuti|ore|giorni|settimane|mesi|anni)\s+fa\b|"  # it
    r"\b\d+\s+[\w.]+\s+назад\b|"  # ru: 3 часа назад, 5 мин. назад
    r"\b\d+\s+(?:saniye|sn|dakika|dk|saat|gün|hafta|ay|yıl)\s+önce\b|"  # tr
    r"\b\d+\s+(?:seconden|minuten|min|uur|dagen|dag|weken|week|maanden|maand|jaar)\s+geleden\b|"  # nl
    r"\b\d+\s+[\w.]+\s+temu\b|"  # pl: 3 godziny temu
    r"\b\d+\s+(?:ثانیه|دقیقه|ساعت|روز|هفته|ماه|سال)\s+(?:پیش|قبل)\b|"  # fa
    r"\b\d+\s+(?:giây|phút|giờ|ngày|tuần|tháng|năm)\s+trước\b|"  # vi
    r"\b\d+\s+(?:detik|menit|jam|hari|minggu|bulan|tahun)\s+(?:yang\s+)?lalu\b|"  # id
    rf"{_NUMBER}\d+\s*(?:秒|分|分钟|分鐘|時間|小时|小時|天|日|周|週|週間|か月|ヶ月|ヵ月|カ月|个月|個月|年)前|"  # ja, zh
    r"\b\d+\s*(?:초|분|시간|일|주|개월|달|년)\s*전\b",  # ko
    regex.IGNORECASE)
# Counts under an entry: votes, likes, replies, points ("36 Votes", "12件のコメント",
# "댓글 5개", "Comments (12)").
_COUNTED = "|".join((
    r"votes?|likes?|repl(?:y|ies)|comments?|points?|upvotes?|recommendations?|reactions?",  # en
    r"antworten|kommentare?",  # de
    r"comentarios?|respuestas?|me gusta",  # es
    r"commentaires?|réponses?|j'aime",  # fr
    r"commenti|risposte|mi piace",  # it
    r"comentários?|respostas?|curtidas?",  # pt
    r"комментари\w*|ответ\w*|отзыв\w*|лайк\w*|голос\w*",  # ru
    r"yorum\w*|yanıt\w*|cevap\w*|beğeni\w*",  # tr
    r"reacties?|stemmen|antwoorden",  # nl
    r"komentarz\w*|odpowied\w*|polubie\w*|głos\w*",  # pl
    r"نظر|دیدگاه|پاسخ",  # fa
    r"bình luận|trả lời|lượt thích|thích",  # vi
    r"komentar|balasan|suka",  # id
    r"コメント|返信|いいね",  # ja
    r"评论|評論|回复|回覆|留言|赞|讚",  # zh
    r"댓글|답글|공감|좋아요|추천",  # ko
))
_CLASSIFIER = r"(?:件の?|条|條|个|個|개의?)"  # counters between a number and what it counts (ja, zh, ko)
STAMP_COUNT = LazyPattern(
    rf"^(?:[\w ]{{1,20}}[:：]\s*)?[\d,.]+[km]?\s*{_CLASSIFIER}?\s*(?:{_COUNTED})\W*$|"
    rf"^(?:{_COUNTED})\s*[:：]?\s*[(（\[]?\s*[\d,.]+[km]?\s*{_CLASSIFIER}?\s*[)）\]]?\W*$",
    regex.IGNORECASE)
# An entry's buttons ("Reply", "Report") and its author's attribution ("Jane says:").
# Words that are also an interview's speaker labels ("Answer:", Persian "پاسخ:")
# are left out; a button never ends with a colon anyway (see `_is_button`).
STAMP_BUTTONS = frozenset((
    "reply", "like", "report", "quote", "flag", "permalink", "report abuse",  # en
    "antworten", "melden",  # de
    "responder", "denunciar", "me gusta",  # es, pt
    "répondre", "signaler", "j'aime",  # fr
    "rispondi", "segnala", "mi piace",  # it
    "curtir",  # pt
    "ответить", "пожаловаться", "цитировать", "нравится",  # ru
    "yanıtla", "cevapla", "şikayet et", "bildir", "beğen",  # tr
    "reageer", "beantwoorden", "rapporteer", "citeren",  # nl
    "odpowiedz", "zgłoś", "cytuj", "lubię to",  # pl
    "پاسخ دادن", "گزارش تخلف",  # fa
    "trả lời", "báo cáo", "thích",  # vi
    "balas", "laporkan", "suka", "kutip",  # id
    "返信", "返信する", "通報", "通報する", "いいね", "違反報告",  # ja
    "回复", "回覆", "举报", "檢舉", "检举", "点赞", "赞", "讚",  # zh
    "답글", "답글쓰기", "신고", "신고하기", "공감", "좋아요", "추천",  # ko
))
# "Jane says:", forum quotes ("Иван пишет:", "张三写道："); not "said:", which
# introduces a quote in news prose.
STAMP_SAYS = LazyPattern(
    r"(?:\b(?:says|wrote|sagt|schreibt|dice|dit|disse|escribió|escreveu|a écrit|ha scritto|пишет|написал|написала|"
    r"yazdı|zegt|schreef|pisze|napisał|napisała|نوشت|viết|menulis)|写道|寫道)\s*[:：]$",
    regex.IGNORECASE)
# The heading a comment section opens with: the word for comments, alone or
# with a count or a qualifier ("Comments", "2 comments", "Top Rated Comments",
# "12 thoughts on …", "Kommentare (12)", "12件のコメント", "댓글 5"); the whole
# line is the heading, so a sentence about comments never matches. Everything
# after the heading goes, so words that also head an article's own section are
# left out ("Обсуждение", "discussion"; Persian "نظر", "opinion"), and where the
# singular names a commentary or a response (English "Comment" and German
# "Kommentar" label opinion pieces; Polish "Komentarz", Russian "Комментарий",
# Turkish "Yorum", Dutch "Reactie") only the plural counts, or the singular
# after a count ("1 comment", "1 komentarz"). A heading ends with no sentence
# mark: "comments." alone on a line ends a hard-wrapped sentence, and
# "Comments?" asks for them.
COMMENT_HEADING = LazyPattern(
    r"^\W*(?:(?:\d[\d,.]*|top|top rated|best|latest|newest|readers?'?|user|most|all|\d+ thoughts on .{1,80}|"
    r"one thought on .{1,80}|okur|전체|베스트|인기|최신)\s+|\d[\d,.]*\s*(?:件の|条|條|개의)\s*)*"
    r"(?:comments|reader comments|kommentare|leserkommentare|comentarios|commentaires|commenti|comentários|"
    r"комментари(?:и|ев|я)|yorumlar\w*|reacties|komentarz[ey]|komentar(?:\s+pembaca)?|bình luận|ý kiến bạn đọc|"
    r"نظرات(?:\s+کاربران)?|دیدگاه\u200c?ها|"
    r"\d[\d,.]*\s+(?:comment|kommentar|comentario|commentaire|comentário|комментари\w*|yorum|reactie|komentarz|نظر)|"
    r"(?:みんなの|読者の?)?コメント(?:一覧)?|(?:网友|網友|最新|热门|熱門|全部|读者|讀者|发表|發表)?(?:评论|評論)(?:区|區)?|"
    r"留言板?|댓글)"
    r"(?:\s*[(（\[]?\s*\d[\d,.]*\s*(?:개|件|条|條)?\s*[)）\]]?)?[^\w.?…]*$",
    regex.IGNORECASE)
# Every word for comments above has one of these in it: a cheap test most lines fail.
COMMENT_HINT = re.compile(r"ment|мент|yorum|reacti|bình luận|ý kiến|نظر|دیدگاه|コメント|评论|評論|留言|댓글",
                          re.IGNORECASE)
