/**
 * The languages the portal solutions' metadata translations ship in, in the
 * order every row of {@link TERMS} lists its translations.
 */
export const METADATA_LANGUAGES = [
  'en-US',
  'fr-FR',
  'de-DE',
  'es-ES',
  'it-IT',
  'pt-BR',
  'nl-NL',
  'ja-JP',
  'zh-CN',
  'pl-PL',
  'sv-SE',
] as const

/** One of {@link METADATA_LANGUAGES}. */
export type MetadataLanguage = (typeof METADATA_LANGUAGES)[number]

type Row = readonly [string, string, string, string, string, string, string, string, string, string, string]

/**
 * The words the portal solutions' labels are made of, one row per term, one
 * column per language of {@link METADATA_LANGUAGES}.
 */
// biome-ignore format: a table, one row per term, reads best one line each
export const TERMS = {
  website: ['Website', 'Site web', 'Website', 'Sitio web', 'Sito Web', 'Site', 'Website', 'Web サイト', '网站', 'Witryna', 'Webbplats'],
  webPage: ['Web Page', 'Page web', 'Webseite', 'Página web', 'Pagina Web', 'Página da Web', 'Webpagina', 'Web ページ', '网页', 'Strona sieci Web', 'Webbsida'],
  name: ['Name', 'Nom', 'Name', 'Nombre', 'Nome', 'Nome', 'Naam', '名前', '名称', 'Nazwa', 'Namn'],
  partialUrl: ['Partial URL', 'URL partielle', 'Teil-URL', 'URL parcial', 'URL parziale', 'URL Parcial', 'Gedeeltelijke URL', '部分 URL', '部分 URL', 'Częściowy adres URL', 'Partiell URL'],
  activeWebPages: ['Active Web Pages', 'Pages web actives', 'Aktive Webseiten', 'Páginas web activas', 'Pagine Web attive', 'Páginas da Web Ativas', "Actieve webpagina's", 'アクティブな Web ページ', '活动网页', 'Aktywne strony sieci Web', 'Aktiva webbsidor'],
  search: ['Search', 'Rechercher', 'Suchen', 'Buscar', 'Cerca', 'Pesquisar', 'Zoeken', '検索', '搜索', 'Wyszukaj', 'Sök'],
  searchPlaceholder: ['Search articles, posts and threads', 'Rechercher des articles, billets et discussions', 'Artikel, Beiträge und Threads durchsuchen', 'Buscar artículos, entradas e hilos', 'Cerca articoli, post e discussioni', 'Pesquisar artigos, publicações e tópicos', 'Artikelen, berichten en threads zoeken', '記事、投稿、スレッドを検索', '搜索文章、帖子和主题', 'Szukaj artykułów, wpisów i wątków', 'Sök i artiklar, inlägg och trådar'],
  signIn: ['Sign in', 'Se connecter', 'Anmelden', 'Iniciar sesión', 'Accedi', 'Entrar', 'Aanmelden', 'サインイン', '登录', 'Zaloguj się', 'Logga in'],
  signOut: ['Sign out', 'Se déconnecter', 'Abmelden', 'Cerrar sesión', 'Esci', 'Sair', 'Afmelden', 'サインアウト', '注销', 'Wyloguj się', 'Logga ut'],
  profile: ['Profile', 'Profil', 'Profil', 'Perfil', 'Profilo', 'Perfil', 'Profiel', 'プロフィール', '个人资料', 'Profil', 'Profil'],
  contact: ['Contact', 'Contact', 'Kontakt', 'Contacto', 'Contatto', 'Contato', 'Contactpersoon', '取引先担当者', '联系人', 'Kontakt', 'Kontakt'],
  email: ['Email', 'Adresse e-mail', 'E-Mail', 'Correo electrónico', 'Posta elettronica', 'Email', 'E-mail', '電子メール', '电子邮件', 'Adres e-mail', 'E-post'],
  knowledgeArticle: ['Knowledge Article', 'Article de connaissance', 'Knowledge-Artikel', 'Artículo de conocimientos', 'Articolo della Knowledge Base', 'Artigo de Conhecimento', 'Kennisartikel', 'サポート技術情報の記事', '知识文章', 'Artykuł bazy wiedzy', 'Kunskapsartikel'],
  knowledgeArticles: ['Knowledge articles', 'Articles de connaissances', 'Knowledge-Artikel', 'Artículos de conocimientos', 'Articoli della Knowledge Base', 'Artigos de conhecimento', 'Kennisartikelen', 'サポート技術情報の記事一覧', '知识文章列表', 'Artykuły bazy wiedzy', 'Kunskapsartiklar'],
  title: ['Title', 'Titre', 'Titel', 'Título', 'Titolo', 'Título', 'Titel', 'タイトル', '标题', 'Tytuł', 'Rubrik'],
  blogPost: ['Blog Post', 'Billet de blog', 'Blogbeitrag', 'Entrada de blog', 'Post di blog', 'Postagem de Blog', 'Blogbericht', 'ブログ投稿', '博客文章', 'Wpis w blogu', 'Blogginlägg'],
  blogPosts: ['Blog posts', 'Billets de blog', 'Blogbeiträge', 'Entradas de blog', 'Post di blog', 'Postagens de blog', 'Blogberichten', 'ブログ投稿一覧', '博客文章列表', 'Wpisy w blogu', 'Blogginlägg'],
  forumThread: ['Forum Thread', 'Discussion du forum', 'Forenthread', 'Hilo del foro', 'Discussione del forum', 'Tópico do Fórum', 'Forumthread', 'フォーラム スレッド', '论坛主题', 'Wątek forum', 'Forumtråd'],
  forumThreads: ['Forum threads', 'Discussions du forum', 'Forenthreads', 'Hilos del foro', 'Discussioni del forum', 'Tópicos do fórum', 'Forumthreads', 'フォーラム スレッド一覧', '论坛主题列表', 'Wątki forum', 'Forumtrådar'],
  all: ['All', 'Tout', 'Alle', 'Todo', 'Tutti', 'Tudo', 'Alle', 'すべて', '全部', 'Wszystkie', 'Alla'],
  noResults: ['Nothing matched your search.', 'Aucun résultat ne correspond à votre recherche.', 'Keine Treffer für Ihre Suche.', 'Ningún resultado coincide con su búsqueda.', 'Nessun risultato corrisponde alla ricerca.', 'Nada correspondeu à sua pesquisa.', 'Er komt niets overeen met uw zoekopdracht.', '検索に一致する項目はありません。', '没有与搜索匹配的内容。', 'Nic nie pasuje do wyszukiwania.', 'Inget matchade sökningen.'],
  process: ['Process', 'Processus', 'Prozess', 'Proceso', 'Processo', 'Processo', 'Proces', 'プロセス', '流程', 'Proces', 'Process'],
  webNotification: ['Web Notification', 'Notification web', 'Webbenachrichtigung', 'Notificación web', 'Notifica Web', 'Notificação da Web', 'Webmelding', 'Web 通知', 'Web 通知', 'Powiadomienie sieci Web', 'Webbavisering'],
  webForm: ['Web Form', 'Formulaire web', 'Webformular', 'Formulario web', 'Modulo Web', 'Formulário da Web', 'Webformulier', 'Web フォーム', 'Web 窗体', 'Formularz sieci Web', 'Webbformulär'],
  feedback: ['Feedback', 'Commentaires', 'Feedback', 'Comentarios', 'Feedback', 'Comentários', 'Feedback', 'フィードバック', '反馈', 'Opinie', 'Feedback'],
  rating: ['Rating', 'Évaluation', 'Bewertung', 'Valoración', 'Valutazione', 'Classificação', 'Beoordeling', '評価', '评分', 'Ocena', 'Omdöme'],
  idea: ['Idea', 'Idée', 'Idee', 'Idea', 'Idea', 'Ideia', 'Idee', 'アイデア', '想法', 'Pomysł', 'Idé'],
  opportunity: ['Opportunity', 'Opportunité', 'Verkaufschance', 'Oportunidad', 'Opportunità', 'Oportunidade', 'Verkoopkans', '営業案件', '商机', 'Szansa sprzedaży', 'Affärsmöjlighet'],
  project: ['Project', 'Projet', 'Projekt', 'Proyecto', 'Progetto', 'Projeto', 'Project', 'プロジェクト', '项目', 'Projekt', 'Projekt'],
  workOrder: ['Work Order', 'Ordre de travail', 'Arbeitsauftrag', 'Orden de trabajo', 'Ordine di lavoro', 'Ordem de Serviço', 'Werkorder', '作業指示書', '工单', 'Zlecenie pracy', 'Arbetsorder'],
  case: ['Case', 'Incident', 'Serviceanfrage', 'Caso', 'Caso', 'Ocorrência', 'Case', 'サポート案件', '案例', 'Sprawa', 'Ärende'],
  activeCases: ['My Active Cases', 'Mes incidents actifs', 'Meine aktiven Serviceanfragen', 'Mis casos activos', 'Casi attivi personali', 'Minhas Ocorrências Ativas', 'Mijn actieve cases', '自分のアクティブなサポート案件', '我的活动案例', 'Moje aktywne sprawy', 'Mina aktiva ärenden'],
  comment: ['Comment', 'Commentaire', 'Kommentar', 'Comentario', 'Commento', 'Comentário', 'Opmerking', 'コメント', '注释', 'Komentarz', 'Kommentar'],
  author: ['Author', 'Auteur', 'Autor', 'Autor', 'Autore', 'Autor', 'Auteur', '作成者', '作者', 'Autor', 'Författare'],
  externalIdentity: ['External Identity', 'Identité externe', 'Externe Identität', 'Identidad externa', 'Identità esterna', 'Identidade Externa', 'Externe identiteit', '外部 ID', '外部标识', 'Tożsamość zewnętrzna', 'Extern identitet'],
  invitation: ['Invitation', 'Invitation', 'Einladung', 'Invitación', 'Invito', 'Convite', 'Uitnodiging', '招待', '邀请', 'Zaproszenie', 'Inbjudan'],
  partner: ['Partner', 'Partenaire', 'Partner', 'Socio', 'Partner', 'Parceiro', 'Partner', 'パートナー', '合作伙伴', 'Partner', 'Partner'],
} as const satisfies Record<string, Row>

/** The id of a term. */
export type TermId = keyof typeof TERMS

/** A term in a language, or null when the language is not one the resources ship. */
export function termIn(term: TermId, language: string): string | null {
  const column = (METADATA_LANGUAGES as readonly string[]).indexOf(language)
  return column < 0 ? null : TERMS[term][column]!
}
