<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="391"/>
        <source>Downloading: {0} of {1} MB ({2} %)</source>
        <translation>正在下载：{0} / {1} MB（{2} %）</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="394"/>
        <source>Downloading: {0} MB</source>
        <translation>正在下载：{0} MB</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../studio/app.py" line="287"/>
        <source>The database was damaged; it was copied aside to {0} and a new one was started.</source>
        <extracomment>the repository&apos;s resources/ folder, installed as the package `relay_studio_resources` (pyproject.toml); a wheel&apos;s and the editable install&apos;s are real folders, so Qt gets file paths without extracting anything set by benchmarks/startup.py: print when the first frame is painted, then RSS a second later, then quit</extracomment>
        <translation>数据库已损坏；它已被移到 {0}，并已新建一个数据库。</translation>
    </message>
    <message>
        <location filename="../../studio/app.py" line="304"/>
        <source>Relay Studio cannot start</source>
        <translation>Relay Studio 无法启动</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="127"/>
        <source>Search conversations</source>
        <extracomment>Ctrl+Enter was pressed an image was pasted (PNG bytes) local files were pasted or dropped the user asked to manage relay profiles (welcome page, error hints)</extracomment>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="129"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="131"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="150"/>
        <source>Welcome to Relay Studio</source>
        <translation>欢迎使用 Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="157"/>
        <source>Chat, images, video, music and audio through your AI relay. To begin, add the relay&apos;s base URL and your API key; the key is kept in your system keyring.</source>
        <translation>通过你的 AI 中转站进行对话、生成图片、视频、音乐和音频。开始之前，请添加中转站的 Base URL 和 API 密钥；密钥保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="161"/>
        <source>Add a relay profile…</source>
        <translation>添加中转站配置…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="178"/>
        <source>Model (Ctrl+K to search)</source>
        <translation>模型（Ctrl+K 搜索）</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="182"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="186"/>
        <source>Instructions the model follows for this conversation</source>
        <translation>模型在本对话中遵循的指令</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="190"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="206"/>
        <source>Message — Ctrl+Enter to send; paste or drop images and files</source>
        <translation>输入消息 — Ctrl+Enter 发送；可粘贴或拖入图片和文件</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="210"/>
        <source>Attach…</source>
        <translation>附件…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="211"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="214"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="215"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="217"/>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复 (Esc)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="286"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="334"/>
        <source>Remove {0}</source>
        <translation>移除 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="390"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="391"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="394"/>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="394"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="404"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="402"/>
        <source>Images and documents (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.json *.csv);;All files (*)</source>
        <translation>图片和文档 (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.json *.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ChatViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/chat.py" line="339"/>
        <source>There is no conversation to regenerate.</source>
        <extracomment>PNG bytes of a small preview (images only), made off the UI thread list[ConversationItem] for the sidebar Transcript: the whole conversation to show (opening, new chat) (user MessageView, assistant MessageView placeholder) when a turn starts batched (content, reasoning) deltas of the reply being streamed the final assistant MessageView (complete, interrupted or error) list[AttachmentView] waiting to be sent True while a reply streams text to put back into the input box for editing editing a sent message was given up (Esc): the input box goes back to empty the system prompt of the conversation on screen (&quot;&quot; for none) whether any relay profile exists (False shows the welcome page)</extracomment>
        <translation>没有可以重新生成的对话。</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../studio/views/banner.py" line="25"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="18"/>
        <source>The relay rejected the API key; check the key of this profile</source>
        <translation>中转站拒绝了 API 密钥，请检查此配置的密钥</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="19"/>
        <source>The relay account has no quota left</source>
        <translation>中转站账户额度已用完</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="20"/>
        <source>The relay refused the request</source>
        <translation>中转站拒绝了请求</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="21"/>
        <source>The relay does not know this endpoint; check the base URL</source>
        <translation>中转站不认识此接口，请检查 Base URL</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="22"/>
        <source>The relay has no channel for this model</source>
        <translation>中转站没有此模型的可用渠道</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="23"/>
        <source>The relay is rate-limiting requests, try again shortly</source>
        <translation>中转站正在限流，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="24"/>
        <source>The relay does not implement this endpoint</source>
        <translation>中转站未实现此接口</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="25"/>
        <source>The relay failed</source>
        <translation>中转站出错</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="26"/>
        <source>The relay reported an error in the middle of the reply</source>
        <translation>中转站在回复中途报告了错误</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="27"/>
        <source>The relay rejected the request</source>
        <translation>中转站拒绝了该请求</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="29"/>
        <source>The relay returned an error</source>
        <translation>中转站返回了错误</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="35"/>
        <source>Cannot reach the relay at {host}; it refused the connection or is down.</source>
        <translation>无法连接中转站 {host}：连接被拒绝或服务已停止。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="36"/>
        <source>The relay&apos;s host name {host} cannot be resolved; check the base URL.</source>
        <translation>无法解析中转站主机名 {host}，请检查 Base URL。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="37"/>
        <source>The TLS certificate of {host} could not be verified.</source>
        <translation>无法验证 {host} 的 TLS 证书。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="38"/>
        <source>The proxy refused the connection to {host}.</source>
        <translation>代理拒绝了到 {host} 的连接。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="39"/>
        <source>The connection to the relay at {host} broke before the answer was complete.</source>
        <translation>与中转站 {host} 的连接在回复完成前中断。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="40"/>
        <source>Connecting to the relay at {host} timed out after {seconds} s.</source>
        <translation>连接中转站 {host} 超时（{seconds} 秒）。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="41"/>
        <source>The relay at {host} sent nothing for {seconds} s; it may be overloaded.</source>
        <translation>中转站 {host} 已 {seconds} 秒没有返回数据，可能负载过高。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="42"/>
        <source>The connection to the relay at {host} timed out.</source>
        <translation>与中转站 {host} 的连接超时。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="54"/>
        <source>HTTP {0}</source>
        <translation>HTTP {0}</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="54"/>
        <source>in the reply</source>
        <translation>回复中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="56"/>
        <source>{category}: {message} ({where}).</source>
        <translation>{category}：{message}（{where}）。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="59"/>
        <source>{category} ({where}).</source>
        <translation>{category}（{where}）。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="61"/>
        <source>It asks to wait {0} s.</source>
        <translation>需要等待 {0} 秒。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="63"/>
        <source>The relay cut the reply off before it finished; what arrived was kept.</source>
        <translation>中转站在回复完成前中断了连接，已收到的内容已保留。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="67"/>
        <source>The relay sent an answer Relay Studio cannot read; check that the base URL points at its API.</source>
        <translation>中转站返回了无法解析的内容，请确认 Base URL 指向其 API。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="71"/>
        <source>(request id: {0})</source>
        <translation>（请求 ID：{0}）</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="81"/>
        <source>{0} GB</source>
        <extracomment>why a picture was refused for a frame slot (the view-model finds out which, then words it here)</extracomment>
        <translation>{0} GB</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="82"/>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="89"/>
        <source>{0} does not exist.</source>
        <translation>{0} 不存在。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="91"/>
        <source>{0} is not a file.</source>
        <translation>{0} 不是文件。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="93"/>
        <source>{0} is {1}; a frame picture may be at most {2}.</source>
        <translation>{0} 大小为 {1}；首尾帧图片最大 {2}。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="96"/>
        <source>{0} is damaged: it does not decode as a picture.</source>
        <translation>{0} 已损坏：无法作为图片解码。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="97"/>
        <source>{0} is not a PNG, JPEG, GIF, WebP or HEIC picture.</source>
        <translation>{0} 不是 PNG、JPEG、GIF、WebP 或 HEIC 图片。</translation>
    </message>
</context>
<context>
    <name>FrameSlot</name>
    <message>
        <location filename="../../studio/views/video_tab.py" line="83"/>
        <source>Choose…</source>
        <extracomment>lengths offered where a family takes any number of seconds a picture was dropped: its file, and its gallery id (&quot;&quot; for a file from elsewhere)</extracomment>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="84"/>
        <source>Choose a picture file</source>
        <translation>选择图片文件</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="87"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="88"/>
        <source>Take the picture out of this slot</source>
        <translation>从此处移除图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="109"/>
        <source>Drop a picture here</source>
        <translation>将图片拖放到这里</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="116"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="123"/>
        <source>The picture cannot be shown</source>
        <translation>无法显示这张图片</translation>
    </message>
</context>
<context>
    <name>GalleryListModel</name>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="290"/>
        <location filename="../../studio/viewmodels/gallery.py" line="470"/>
        <source>(no prompt)</source>
        <extracomment>rows fetched per `get_many` call: a few screens of a large window rows near a page edge that also fetch the next (or previous) page, so scrolling rarely shows placeholders thumbnail edge in pixels, as stored by `ThumbnailCache` (`&lt;id&gt;_160.png`); the view&apos;s cells fit it thumbnails&apos; PNG bytes kept in memory (tens of KB each): many screens&apos; worth, a bounded total thumbnails loaded at once; the rest wait in `_wanted`, newest request first while the view scrolls, loads wait until it has not moved for this long ... ... or after this long at the latest, so a scroll that never pauses still sees pictures requests remembered while waiting; older ones (rows scrolled past) are forgotten debounce of the search box kinds whose cell shows a thumbnail: a picture&apos;s, a video&apos;s poster frame (sounds and texts: a mark) the time filter: how many days back each choice reaches flags computed once: `flags()` is called for every cell painted True once the row&apos;s thumbnail bytes are in memory (the view decodes and shows them next) everything a grid cell paints, in one call: (asset id, kind, thumbnail, label, favorite, duration); the thumbnail is its PNG bytes (at most the thumbnail size a side; a video&apos;s poster frame), None while not loaded (or there is none: audio, text, a video without a poster yet); kind and label are &quot;&quot; while the row is not fetched; duration is a video&apos;s or a sound&apos;s seconds, else None the asset&apos;s tags, comma-separated seconds of a video or a sound (None when not recorded, or for a picture) the job that made the asset (None for an imported file) figures for tests and benchmarks: `get_many` calls and rows they returned, thumbnails loaded</extracomment>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="467"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="472"/>
        <source>Model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="402"/>
        <source>Search prompts and tags</source>
        <extracomment>one cell of the grid: the thumbnail, a line of text and margins the play mark over a video&apos;s picture (diameter) the asset&apos;s thumbnail is decoded: its cell can be repainted</extracomment>
        <translation>搜索提示词和标签</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="406"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="406"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="406"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="407"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="407"/>
        <source>Texts</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="411"/>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="411"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="412"/>
        <source>Past 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="412"/>
        <source>Past 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="413"/>
        <source>Past year</source>
        <translation>最近一年</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="419"/>
        <location filename="../../studio/views/gallery_tab.py" line="537"/>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="422"/>
        <source>★ Favorites</source>
        <translation>★ 收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="423"/>
        <source>Show only favorites</source>
        <translation>只显示收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="429"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="430"/>
        <source>Reload the library (F5)</source>
        <translation>重新载入图库 (F5)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/views/gallery_tab.py" line="514"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="519"/>
        <source>Nothing matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的内容。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="521"/>
        <source>No results yet. Images, videos and songs you generate are kept here.</source>
        <translation>还没有作品。你生成的图片、视频和歌曲都会保存在这里。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="574"/>
        <source>No application could open {0}.</source>
        <translation>没有应用程序能打开 {0}。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="601"/>
        <source>Delete this file from the library? This cannot be undone.</source>
        <translation>要从图库中删除这个文件吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="604"/>
        <source>Delete from the gallery</source>
        <translation>从图库删除</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="620"/>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="620"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="621"/>
        <source>Unfavorite</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="621"/>
        <source>Favorite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="623"/>
        <source>Re-run prompt</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="623"/>
        <source>Re-run</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="625"/>
        <source>Animate</source>
        <translation>生成视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="626"/>
        <source>Use as reference</source>
        <translation>用作参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="627"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="628"/>
        <source>Edit tags…</source>
        <translation>编辑标签…</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="639"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="646"/>
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="647"/>
        <source>Tags, separated by commas (they are searched with the prompts)</source>
        <translation>标签，用逗号分隔（搜索时会和提示词一起匹配）</translation>
    </message>
</context>
<context>
    <name>GalleryViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="723"/>
        <source>This video was not made by a job of this app, so it cannot be re-run.</source>
        <extracomment>number of assets matching the filters (after each load) the distinct models of the library, for the model filter show the file&apos;s folder (carries the file&apos;s path; the view opens its folder) generate a picture again: (prompt, model) generate a video again with the same prompt, model and options: the job that made it (the Video tab) make a video from this picture: the image asset&apos;s id, for the Video tab&apos;s start frame use this image as a reference in the Image tab (path) show this picture large (path) play this video or sound: (path, kind &quot;video&quot; or &quot;audio&quot;) an asset was deleted (its id), for other views that may show it</extracomment>
        <translation>这个视频不是由本应用的任务生成的，无法重新生成。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="734"/>
        <source>Only images can be animated.</source>
        <translation>只有图片可以生成视频。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="744"/>
        <source>Only images can be used as a reference.</source>
        <translation>只有图片可以用作参考图。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="771"/>
        <source>This item is no longer in the gallery.</source>
        <translation>该项目已不在图库中。</translation>
    </message>
</context>
<context>
    <name>ImageTab</name>
    <message>
        <location filename="../../studio/views/image_tab.py" line="130"/>
        <source>Describe the image (Ctrl+Enter to generate)</source>
        <extracomment>the user wants to see an image large (path)</extracomment>
        <translation>描述图片（Ctrl+Enter 生成）</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="133"/>
        <location filename="../../studio/views/image_tab.py" line="138"/>
        <location filename="../../studio/views/image_tab.py" line="148"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="138"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="138"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="139"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="139"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="139"/>
        <source>HD</source>
        <translation>高清</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="147"/>
        <source>Which request format the model speaks; remembered for this model</source>
        <translation>模型使用的请求格式；会为此模型记住</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="149"/>
        <source>Images API (/v1/images)</source>
        <translation>图片接口 (/v1/images)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="149"/>
        <source>Chat format</source>
        <translation>对话格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="150"/>
        <source>Midjourney</source>
        <translation>Midjourney</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="155"/>
        <source>Midjourney speed mode</source>
        <translation>Midjourney 速度模式</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="156"/>
        <source>Relay default</source>
        <translation>中转站默认</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="157"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="158"/>
        <source>Relax</source>
        <translation>慢速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="159"/>
        <source>Turbo</source>
        <translation>极速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="161"/>
        <source>Add images…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="162"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="163"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="168"/>
        <source>Midjourney tools</source>
        <translation>Midjourney 工具</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="172"/>
        <source>Describe the first reference</source>
        <translation>描述第一张参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="173"/>
        <source>Four prompts for the first reference image</source>
        <translation>为第一张参考图生成四条提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="174"/>
        <source>Blend the references</source>
        <translation>混合参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="174"/>
        <source>Blend 2 to 5 reference images</source>
        <translation>混合 2 到 5 张参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="175"/>
        <source>Shorten the prompt</source>
        <translation>精简提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="175"/>
        <source>Shorter versions of the prompt</source>
        <translation>提示词的精简版本</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="176"/>
        <source>Swap face</source>
        <translation>换脸</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="176"/>
        <source>The face of the first reference onto the second</source>
        <translation>把第一张参考图的脸换到第二张上</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="185"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="187"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="187"/>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="188"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="186"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="188"/>
        <source>MJ speed</source>
        <translation>MJ 速度</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="194"/>
        <source>Reference images — drop files or gallery pictures here; with a mask they are edited, with Midjourney they guide the grid.</source>
        <translation>参考图——把文件或图库中的图片拖到这里；配合蒙版时会被编辑，配合 Midjourney 时用来引导四宫格。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="201"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="224"/>
        <source>Results appear here. Every image is saved in the gallery.</source>
        <translation>结果会显示在这里。每张图片都会保存到图库。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="193"/>
        <location filename="../../studio/views/image_tab.py" line="313"/>
        <source>Reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="266"/>
        <source>Double-click a prompt to put it in the form</source>
        <translation>双击提示词即可填入表单</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="314"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="331"/>
        <source>Prompt for this change</source>
        <translation>这次修改的提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="414"/>
        <source>{0} — {1} via {2} ({3})</source>
        <translation>{0} — {1}，通过 {2}（{3}）</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="472"/>
        <source>⟳ Reroll</source>
        <translation>⟳ 重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="472"/>
        <source>← Pan</source>
        <translation>← 向左扩展</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="472"/>
        <source>Pan →</source>
        <translation>向右扩展 →</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="473"/>
        <source>↑ Pan</source>
        <translation>↑ 向上扩展</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="473"/>
        <source>↓ Pan</source>
        <translation>↓ 向下扩展</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="473"/>
        <source>Zoom Out 2x</source>
        <translation>缩小 2 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="474"/>
        <source>Zoom Out 1.5x</source>
        <translation>缩小 1.5 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="474"/>
        <source>Custom Zoom</source>
        <translation>自定义缩放</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="475"/>
        <source>Vary (Strong)</source>
        <translation>强变化</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="475"/>
        <source>Vary (Subtle)</source>
        <translation>弱变化</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="476"/>
        <source>Vary (Region)</source>
        <translation>局部重绘</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="476"/>
        <source>Upscale 2x</source>
        <translation>放大 2 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="477"/>
        <source>Upscale 4x</source>
        <translation>放大 4 倍</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="141"/>
        <source>Loading…</source>
        <extracomment>one wheel notch or one +/− press</extracomment>
        <translation>正在载入…</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="150"/>
        <source>Zoom out (−)</source>
        <translation>缩小 (−)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="151"/>
        <source>Zoom in (+)</source>
        <translation>放大 (+)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="152"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="152"/>
        <source>Fit to the window (0)</source>
        <translation>适应窗口 (0)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="153"/>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="153"/>
        <source>Actual size (1)</source>
        <translation>实际大小 (1)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="157"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="223"/>
        <source>The file {0} is missing; it may have been moved or deleted.</source>
        <translation>文件 {0} 不存在，可能已被移动或删除。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="225"/>
        <source>{0} cannot be shown: it is not an image this app can read ({1}).</source>
        <translation>无法显示 {0}：这不是本应用能读取的图片（{1}）。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="226"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="287"/>
        <source>{0} × {1} px · {2} %</source>
        <translation>{0} × {1} 像素 · {2} %</translation>
    </message>
</context>
<context>
    <name>JobListModel</name>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="122"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="122"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="122"/>
        <source>Prompt</source>
        <extracomment>what the retry action does: retry a failed or cancelled job, submit an unknown one again, or download a link-only result now None when the job cannot be retried the result is kept only as web links, which can be opened cancelling discards a job the relay may have run (and charged): labelled so, and asked first</extracomment>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="146"/>
        <source>Model: {0} · dialect: {1} ({2})</source>
        <translation>模型：{0} · 接口格式：{1}（{2}）</translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="46"/>
        <source>Saved</source>
        <extracomment>0-100 while a job runs and reports progress, else -1 (the panel draws a bar)</extracomment>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="47"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="48"/>
        <source>Unknown — may have been sent</source>
        <translation>未知——可能已发送</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="49"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="50"/>
        <source>Running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="51"/>
        <source>Stalled</source>
        <translation>长时间无进展</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="52"/>
        <source>Saving</source>
        <translation>保存中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="53"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="54"/>
        <source>Done — link only</source>
        <translation>完成——仅有链接</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="55"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="56"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="57"/>
        <source>No jobs yet. Images, videos and songs you generate appear here while they run, and survive a restart.</source>
        <extracomment>the user opened a job (double-click): its id</extracomment>
        <translation>还没有任务。生成的图片、视频和歌曲会在运行时显示在这里，重启后也不会丢失。</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="81"/>
        <location filename="../../studio/views/jobs_panel.py" line="148"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="82"/>
        <location filename="../../studio/views/jobs_panel.py" line="143"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="83"/>
        <source>Keep waiting</source>
        <translation>继续等待</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="84"/>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="136"/>
        <source>{0} · dialect {1} ({2})</source>
        <translation>{0} · 接口格式 {1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="142"/>
        <source>Submit again</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="143"/>
        <source>Download now</source>
        <translation>立即下载</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="148"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="161"/>
        <source>Discard job</source>
        <translation>丢弃任务</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="162"/>
        <source>The relay may have run this job and charged for it. Discard it anyway?</source>
        <translation>中转站可能已经执行并扣费了这个任务。仍要丢弃吗？</translation>
    </message>
</context>
<context>
    <name>MainViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="41"/>
        <source>Balance: checking…</source>
        <extracomment>(profile name or &quot;&quot;, balance text or &quot;&quot;) for the status bar</extracomment>
        <translation>余额：查询中…</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="46"/>
        <source>Balance: unavailable</source>
        <translation>余额：无法获取</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="49"/>
        <source>Balance: unlimited</source>
        <translation>余额：无限</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="51"/>
        <source>Balance: unknown</source>
        <translation>余额：未知</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="54"/>
        <source>Balance: {0} {1}</source>
        <translation>余额：{0} {1}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/views/main_window.py" line="106"/>
        <location filename="../../studio/views/main_window.py" line="290"/>
        <source>Relay Studio</source>
        <translation>Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="121"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="123"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="126"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="127"/>
        <source>Music: Suno and Udio songs, lyrics and extensions.</source>
        <translation>音乐：Suno 和 Udio 的歌曲、歌词与续写。</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="128"/>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="129"/>
        <source>Audio: transcription, translation and speech.</source>
        <translation>音频：转写、翻译和语音合成。</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="130"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="132"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="136"/>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="143"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="144"/>
        <source>Relay &amp;profiles…</source>
        <translation>中转站配置(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="148"/>
        <source>&amp;Gallery</source>
        <translation>图库(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="153"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="158"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="160"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="162"/>
        <location filename="../../studio/views/main_window.py" line="166"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="162"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="163"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="164"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="168"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="169"/>
        <source>&amp;About Relay Studio</source>
        <translation>关于 Relay Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="173"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="191"/>
        <source>The change applies the next time Relay Studio starts.</source>
        <translation>更改将在下次启动 Relay Studio 时生效。</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="272"/>
        <source>Profile: {0}</source>
        <translation>配置：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="274"/>
        <source>No relay profile</source>
        <translation>没有中转站配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="282"/>
        <source>About Relay Studio</source>
        <translation>关于 Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="281"/>
        <source>Relay Studio {0}
A studio for chat, images, video, music and audio through AI relays.</source>
        <translation>Relay Studio {0}
通过 AI 中转站进行对话、图片、视频、音乐和音频创作的工作室。</translation>
    </message>
</context>
<context>
    <name>MaskCanvas</name>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="77"/>
        <source>Loading the picture…</source>
        <translation>正在载入图片…</translation>
    </message>
</context>
<context>
    <name>MaskPainter</name>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="117"/>
        <source>Vary (Region)</source>
        <translation>局部重绘</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="122"/>
        <source>Paint over the part of the picture to redo, then say what should be there.</source>
        <translation>涂抹需要重画的区域，然后写下那里应该是什么。</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="129"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="133"/>
        <source>What should be in the painted region</source>
        <translation>涂抹区域里应该出现什么</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="141"/>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="155"/>
        <source>The picture cannot be read.</source>
        <translation>无法读取这张图片。</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="163"/>
        <source>Paint the region to change first.</source>
        <translation>请先涂抹要修改的区域。</translation>
    </message>
</context>
<context>
    <name>MediaPlayer</name>
    <message>
        <location filename="../../studio/views/player.py" line="313"/>
        <source>Videos cannot be played inside the studio because VLC&apos;s library is not installed.</source>
        <extracomment>how often the widget asks libvlc where it is (ms): smooth enough for a seek bar, cheap for the CPU how far (s) the position runs on by the wall clock past libvlc&apos;s last reported time a step back (s) smaller than this is libvlc&apos;s clock catching up with ours, not a seek how long (s) a seek may take to show in libvlc&apos;s time, and how far a time before it may lie libvlc&apos;s command line for the app&apos;s one instance: no console chatter, no file name drawn on the video the platforms whose native window id libvlc can draw into the longest side of the poster a player makes itself (a frame near 1 s, decoded by PyAV) the state of a player whose file waits for libvlc to start</extracomment>
        <translation>未安装 VLC 播放库，无法在工作室内播放视频。</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="317"/>
        <source>Open with the system player</source>
        <translation>用系统播放器打开</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="340"/>
        <location filename="../../studio/views/player.py" line="728"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="345"/>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="358"/>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="364"/>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="365"/>
        <source>Play again from the start at the end</source>
        <translation>播放结束后从头再播</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="485"/>
        <source>The file {0} is missing; it may have been moved or deleted.</source>
        <translation>找不到文件 {0}，它可能已被移动或删除。</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="492"/>
        <source>The picture cannot be shown on this display ({0}); only the sound plays.</source>
        <translation>当前显示环境（{0}）无法显示画面，只播放声音。</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="510"/>
        <location filename="../../studio/views/player.py" line="517"/>
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="715"/>
        <source>{0} cannot be played: VLC could not read it.</source>
        <translation>无法播放 {0}：VLC 无法读取它。</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="728"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="747"/>
        <location filename="../../studio/views/player.py" line="758"/>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>MediaViewer</name>
    <message>
        <location filename="../../studio/views/media_viewer.py" line="32"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PlaceholderTab</name>
    <message>
        <location filename="../../studio/views/main_window.py" line="46"/>
        <source>Requests go to the profile routed for “{0}” (File → Relay profiles…).</source>
        <translation>请求将发送到为“{0}”设置的路由配置（文件 → 中转站配置…）。</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="57"/>
        <source>Relay profiles</source>
        <translation>中转站配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="90"/>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="95"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="96"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="97"/>
        <source>Make default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="106"/>
        <location filename="../../studio/views/profiles_dialog.py" line="155"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="107"/>
        <source>e.g. main</source>
        <translation>例如 main</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="109"/>
        <source>OS keyring</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="111"/>
        <source>Environment variable</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="123"/>
        <source>e.g. RELAY_API_KEY</source>
        <translation>例如 RELAY_API_KEY</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="124"/>
        <source>optional, e.g. http://127.0.0.1:7890</source>
        <translation>可选，例如 http://127.0.0.1:7890</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="125"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="128"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="139"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="140"/>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="141"/>
        <source>Key source</source>
        <translation>密钥来源</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="142"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="143"/>
        <source>Env var name</source>
        <translation>环境变量名</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="144"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="152"/>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="155"/>
        <source>Capability</source>
        <translation>功能</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="155"/>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="173"/>
        <location filename="../../studio/views/profiles_dialog.py" line="400"/>
        <source>Default profile</source>
        <translation>默认配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="177"/>
        <source>any (chosen per request)</source>
        <translation>任意（每次请求时选择）</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="190"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="191"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="192"/>
        <source>Midjourney</source>
        <translation>Midjourney</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="193"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="194"/>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="195"/>
        <source>Transcription</source>
        <translation>转写</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="196"/>
        <source>Speech</source>
        <translation>语音合成</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="225"/>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="330"/>
        <source>Stored in the keyring — leave empty to keep it</source>
        <translation>已保存在钥匙串中 — 留空则保持不变</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="332"/>
        <source>Paste the relay&apos;s API key</source>
        <translation>粘贴中转站的 API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="353"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
</context>
<context>
    <name>ProfilesViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="124"/>
        <source>The profile {name} no longer exists.</source>
        <extracomment>list[ProfileItem], oldest first list[RouteItem], one per capability in `CAPABILITIES` order (profile name, one sentence): the outcome of `testConnection`, success or error (profile name, True when connected), emitted just before `testResult` so the view can colour it profile name, after `save` stored it (the view clears the key field then)</extracomment>
        <translation>配置 {name} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="127"/>
        <source>There is already a profile named {name}; choose another name.</source>
        <translation>已存在名为 {name} 的配置，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="130"/>
        <source>Give either an API key or an environment variable, not both.</source>
        <translation>请只填写 API 密钥或环境变量其中之一。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="149"/>
        <source>Enter the API key, or choose “Environment variable” and give the name of the variable that holds it.</source>
        <translation>请输入 API 密钥，或选择“环境变量”并填写保存密钥的变量名。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="165"/>
        <source>The system keyring cannot keep the API key here; choose “Environment variable” and give the name of a variable that holds the key instead.</source>
        <translation>此系统的钥匙串无法保存 API 密钥；请选择“环境变量”，并填写保存密钥的变量名。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/viewmodels/profiles.py" line="214"/>
        <source>Connected: %n models; {balance}.</source>
        <translation>
            <numerusform>已连接：%n 个模型；{balance}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="230"/>
        <source>unlimited balance</source>
        <translation>余额无限</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="232"/>
        <source>balance unknown</source>
        <translation>余额未知</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="234"/>
        <source>balance {amount} {unit} remaining</source>
        <translation>余额剩余 {amount} {unit}</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="246"/>
        <source>Unknown capability {name}.</source>
        <translation>未知功能 {name}。</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../studio/views/transcript.py" line="307"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="307"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="336"/>
        <source>Hide thinking</source>
        <translation>隐藏思考过程</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="339"/>
        <source>Show thinking ({0} characters)</source>
        <translation>显示思考过程（{0} 个字符）</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="371"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="375"/>
        <source>{0} in · {1} out tokens</source>
        <translation>输入 {0} · 输出 {1} tokens</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="167"/>
        <location filename="../../studio/views/transcript.py" line="219"/>
        <location filename="../../studio/views/transcript.py" line="324"/>
        <location filename="../../studio/views/transcript.py" line="377"/>
        <location filename="../../studio/views/transcript.py" line="382"/>
        <source>Copy</source>
        <extracomment>an open tail longer than this is shown as plain text, appended incrementally, until it finishes characters that can change how markdown renders; a plain tail without them is already exact an action link under a message was clicked: (&quot;edit&quot; | &quot;regenerate&quot;, message id) rendered replies by (id, dark, content hash): reopening a conversation skips markdown</extracomment>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="377"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="382"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
</context>
<context>
    <name>VideoTab</name>
    <message>
        <location filename="../../studio/views/video_tab.py" line="245"/>
        <source>Which request format the model speaks; remembered for this model</source>
        <translation>该模型使用的请求格式；会为此模型记住</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="246"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="260"/>
        <source>Describe the video (Ctrl+Enter to generate)</source>
        <translation>描述你想要的视频（Ctrl+Enter 生成）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="263"/>
        <location filename="../../studio/views/video_tab.py" line="446"/>
        <source>Start frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="265"/>
        <location filename="../../studio/views/video_tab.py" line="446"/>
        <source>End frame</source>
        <translation>尾帧</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="279"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="279"/>
        <source>Professional</source>
        <translation>专业</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="286"/>
        <location filename="../../studio/views/video_tab.py" line="470"/>
        <source>Relay default</source>
        <translation>中转站默认</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="288"/>
        <source>How closely the video follows the prompt, from 0 to 1</source>
        <translation>视频贴合提示词的程度，0 到 1</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="291"/>
        <source>What the video should not show</source>
        <translation>视频中不应出现的内容</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="292"/>
        <source>Loop the video (the end joins the start)</source>
        <translation>循环视频（结尾与开头相接）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="295"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="300"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="301"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="308"/>
        <source>Length (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="308"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="308"/>
        <source>Aspect ratio</source>
        <translation>画面比例</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="309"/>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="309"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="309"/>
        <source>Prompt strength</source>
        <translation>提示词强度</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="310"/>
        <source>Avoid</source>
        <translation>避免</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="316"/>
        <source>This model takes no further options.</source>
        <translation>此模型没有其他选项。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="325"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="336"/>
        <source>The video appears here and plays once it is ready. Every video is saved in the gallery.</source>
        <translation>视频生成后会在这里播放，每个视频都会保存到图库。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="352"/>
        <source>No video yet</source>
        <translation>还没有视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="360"/>
        <source>A new video from this one, changed as the prompt says</source>
        <translation>按提示词修改，基于此视频生成新视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="361"/>
        <source>Continue this video, as the prompt says</source>
        <translation>按提示词续写此视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="362"/>
        <source>This video at a higher resolution</source>
        <translation>生成此视频的高清版本</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="363"/>
        <source>Remix</source>
        <translation>改编</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="363"/>
        <source>Extend</source>
        <translation>延长</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="364"/>
        <source>Upscale</source>
        <translation>高清化</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="385"/>
        <source>Chat format</source>
        <translation>对话格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="385"/>
        <source>Videos API (/v1/videos)</source>
        <translation>视频 API（/v1/videos）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="386"/>
        <source>Video generations (/v1/video/generations)</source>
        <translation>通用视频生成（/v1/video/generations）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="387"/>
        <source>Custom video (/custom_video)</source>
        <translation>自定义视频（/custom_video）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="447"/>
        <source>Pictures (*.png *.jpg *.jpeg *.webp *.heic)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.heic)</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="463"/>
        <source>Sent through the profile “{0}”, as the re-run job was.</source>
        <translation>与被重新生成的任务一样，通过配置“{0}”发送。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="482"/>
        <source>Sent as: {0}</source>
        <translation>发送方式：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="500"/>
        <source>This model takes no start frame; remove the picture.</source>
        <translation>此模型不接受首帧，请移除图片。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="501"/>
        <source>This model takes no end frame; remove the picture.</source>
        <translation>此模型不接受尾帧，请移除图片。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="558"/>
        <source>{0} — {1} · {2}</source>
        <translation>{0} — {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="565"/>
        <source>No video: the job ended without one.</source>
        <translation>没有视频：任务结束时未返回视频。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="567"/>
        <source>The video could not be saved; the Jobs panel can download it again.</source>
        <translation>视频未能保存；可在任务面板中重新下载。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="569"/>
        <source>The model answered with a picture instead of a video; it is in the gallery.</source>
        <translation>模型返回的是图片而不是视频，已保存到图库。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="572"/>
        <source>The video is being made; it plays here once it is ready.</source>
        <translation>视频正在生成，完成后会在这里播放。</translation>
    </message>
</context>
<context>
    <name>VideoViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="223"/>
        <source>{0} speaks the {1} format, which this version of Relay Studio cannot send yet; choose another format or model.</source>
        <extracomment>the form&apos;s option fields, in the order the form shows them (`FamilySpec.options` names) what may be done with a finished video, where its family takes it the two frame slots one sentence when the model&apos;s family cannot run in this build (&quot;&quot; when it can) what may be done with the finished video (of SOURCE_ACTIONS, where its family takes them) pictures the job saved instead of (or besides) a video (chat-format models sometimes answer so) an `OptionsView` for the model chosen a frame slot changed: slot (&quot;start&quot; / &quot;end&quot;), its `Frame` or None when emptied fill the form (re-run): prompt, {option: value} of the job&apos;s request the dialect override saved for the current model (&quot;&quot; = decided by the table) the profile new jobs go to, kept from a re-run job (&quot;&quot; = the profile routed for video)</extracomment>
        <translation>{0} 使用 {1} 格式，当前版本的 Relay Studio 还无法发送；请选择其他格式或模型。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="265"/>
        <source>This {0} is not a picture; a frame must be a picture.</source>
        <translation>这个{0}不是图片；首尾帧必须是图片。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="270"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="270"/>
        <source>sound</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="270"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="293"/>
        <source>Describe the video first: the prompt is empty.</source>
        <translation>请先描述视频：提示词为空。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="316"/>
        <source>The video of this job is no longer in the gallery.</source>
        <translation>这个任务的视频已不在图库中。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="318"/>
        <source>Say what should change in the prompt first: it is empty.</source>
        <translation>请先在提示词中说明要修改什么：提示词为空。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="339"/>
        <source>That job did not make a video; it cannot be re-run here.</source>
        <translation>该任务没有生成视频，无法在这里重新生成。</translation>
    </message>
</context>
<context>
    <name>ViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/base.py" line="41"/>
        <source>Something went wrong inside Relay Studio; the details are in the log file.</source>
        <translation>Relay Studio 内部出错，详情请查看日志文件。</translation>
    </message>
</context>
</TS>
