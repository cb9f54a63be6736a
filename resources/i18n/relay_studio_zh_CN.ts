<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../studio/app.py" line="258"/>
        <source>The database was damaged; it was copied aside to {0} and a new one was started.</source>
        <extracomment>set by benchmarks/startup.py: print when the first frame is painted, then RSS a second later, then quit</extracomment>
        <translation>数据库已损坏；它已被移到 {0}，并已新建一个数据库。</translation>
    </message>
    <message>
        <location filename="../../studio/app.py" line="275"/>
        <source>Relay Studio cannot start</source>
        <translation>Relay Studio 无法启动</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="115"/>
        <source>Search conversations</source>
        <extracomment>Ctrl+Enter was pressed an image was pasted (PNG bytes) local files were pasted or dropped the user asked to manage relay profiles (welcome page, error hints)</extracomment>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="117"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="119"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="138"/>
        <source>Welcome to Relay Studio</source>
        <translation>欢迎使用 Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="145"/>
        <source>Chat, images, video, music and audio through your AI relay. To begin, add the relay&apos;s base URL and your API key; the key is kept in your system keyring.</source>
        <translation>通过你的 AI 中转站进行对话、生成图片、视频、音乐和音频。开始之前，请添加中转站的 Base URL 和 API 密钥；密钥保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="149"/>
        <source>Add a relay profile…</source>
        <translation>添加中转站配置…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="166"/>
        <source>Model (Ctrl+K to search)</source>
        <translation>模型（Ctrl+K 搜索）</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="170"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="174"/>
        <source>Instructions the model follows for this conversation</source>
        <translation>模型在本对话中遵循的指令</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="178"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="194"/>
        <source>Message — Ctrl+Enter to send; paste or drop images and files</source>
        <translation>输入消息 — Ctrl+Enter 发送；可粘贴或拖入图片和文件</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="198"/>
        <source>Attach…</source>
        <translation>附件…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="199"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="202"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="203"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="205"/>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复 (Esc)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="271"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="318"/>
        <source>Remove {0}</source>
        <translation>移除 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="374"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="375"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="378"/>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="378"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="388"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="386"/>
        <source>Images and documents (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.json *.csv);;All files (*)</source>
        <translation>图片和文档 (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.json *.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ChatViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/chat.py" line="339"/>
        <source>There is no conversation to regenerate.</source>
        <extracomment>PNG bytes of a small preview (images only), made off the UI thread list[ConversationItem] for the sidebar Transcript: the whole conversation to show (opening, new chat) (user MessageView, assistant MessageView placeholder) when a turn starts batched (content, reasoning) deltas of the reply being streamed the final assistant MessageView (complete, interrupted or error) list[AttachmentView] waiting to be sent True while a reply streams text to put back into the input box for editing the system prompt of the conversation on screen (&quot;&quot; for none) whether any relay profile exists (False shows the welcome page)</extracomment>
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
</context>
<context>
    <name>GalleryListModel</name>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="298"/>
        <location filename="../../studio/viewmodels/gallery.py" line="482"/>
        <source>(no prompt)</source>
        <extracomment>rows fetched per `get_many` call: a few screens of a large window rows near a page edge that also fetch the next (or previous) page, so scrolling rarely shows placeholders thumbnail edge in pixels, as stored by `ThumbnailCache` (`&lt;id&gt;_160.png`) decoded thumbnails kept in memory (~100 KB each): many screens&apos; worth, a bounded total thumbnails loaded at once; the rest wait in `_wanted`, newest request first while the view scrolls, loads wait until it has not moved for this long ... ... or after this long at the latest, so a scroll that never pauses still sees pictures requests remembered while waiting; older ones (rows scrolled past) are forgotten debounce of the search box the time filter: how many days back each choice reaches flags computed once: `flags()` is called for every cell painted True once the row shows its real thumbnail (not a placeholder) everything a grid cell paints, in one call: (pixmap, width, height, label, favorite, placeholder); the pixmap is the thumbnail, never larger than the thumbnail size, or the (translucent) placeholder the asset&apos;s tags, comma-separated figures for tests and benchmarks: `get_many` calls and rows they returned, thumbnails loaded</extracomment>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="484"/>
        <source>Model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="228"/>
        <source>Search prompts and tags</source>
        <extracomment>one cell of the grid: the thumbnail, a line of text and margins</extracomment>
        <translation>搜索提示词和标签</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="232"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="232"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="232"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="233"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="317"/>
        <source>Texts</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="237"/>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="237"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="238"/>
        <source>Past 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="238"/>
        <source>Past 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="239"/>
        <source>Past year</source>
        <translation>最近一年</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="245"/>
        <location filename="../../studio/views/gallery_tab.py" line="351"/>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="248"/>
        <source>★ Favorites</source>
        <translation>★ 收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="249"/>
        <source>Show only favorites</source>
        <translation>只显示收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="255"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="256"/>
        <source>Reload the library (F5)</source>
        <translation>重新载入图库 (F5)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/views/gallery_tab.py" line="336"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="341"/>
        <source>Nothing matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的内容。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="343"/>
        <source>No results yet. Images, videos and songs you generate are kept here.</source>
        <translation>还没有作品。你生成的图片、视频和歌曲都会保存在这里。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="377"/>
        <source>No application could open {0}.</source>
        <translation>没有应用程序能打开 {0}。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="404"/>
        <source>Delete this file from the library? This cannot be undone.</source>
        <translation>要从图库中删除这个文件吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="407"/>
        <source>Delete from the gallery</source>
        <translation>从图库删除</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="422"/>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="423"/>
        <source>Unfavorite</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="423"/>
        <source>Favorite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="425"/>
        <source>Re-run prompt</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="426"/>
        <source>Use as reference</source>
        <translation>用作参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="427"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="428"/>
        <source>Edit tags…</source>
        <translation>编辑标签…</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="437"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="444"/>
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="445"/>
        <source>Tags, separated by commas (they are searched with the prompts)</source>
        <translation>标签，用逗号分隔（搜索时会和提示词一起匹配）</translation>
    </message>
</context>
<context>
    <name>GalleryViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="767"/>
        <source>Only images can be used as a reference.</source>
        <extracomment>number of assets matching the filters (after each load) the distinct models of the library, for the model filter show the file&apos;s folder (carries the file&apos;s path; the view opens its folder) generate again: (prompt, model) use this image as a reference in the Image tab (path) show this file large (path) an asset was deleted (its id), for other views that may show it</extracomment>
        <translation>只有图片可以用作参考图。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="787"/>
        <source>This item is no longer in the gallery.</source>
        <translation>该项目已不在图库中。</translation>
    </message>
</context>
<context>
    <name>ImageTab</name>
    <message>
        <location filename="../../studio/views/image_tab.py" line="111"/>
        <source>Describe the image (Ctrl+Enter to generate)</source>
        <extracomment>the user wants to see an image large (path)</extracomment>
        <translation>描述图片（Ctrl+Enter 生成）</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="114"/>
        <location filename="../../studio/views/image_tab.py" line="119"/>
        <location filename="../../studio/views/image_tab.py" line="129"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="119"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="119"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="120"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="120"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="120"/>
        <source>HD</source>
        <translation>高清</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="128"/>
        <source>Which request format the model speaks; remembered for this model</source>
        <translation>模型使用的请求格式；会为此模型记住</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="130"/>
        <source>Images API (/v1/images)</source>
        <translation>图片接口 (/v1/images)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="131"/>
        <source>Chat format</source>
        <translation>对话格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="132"/>
        <source>Midjourney</source>
        <translation>Midjourney</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="135"/>
        <source>Midjourney speed mode</source>
        <translation>Midjourney 速度模式</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="136"/>
        <source>Relay default</source>
        <translation>中转站默认</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="137"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="138"/>
        <source>Relax</source>
        <translation>慢速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="139"/>
        <source>Turbo</source>
        <translation>极速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="141"/>
        <source>Add images…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="142"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="143"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="148"/>
        <source>Midjourney tools</source>
        <translation>Midjourney 工具</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="152"/>
        <source>Describe the first reference</source>
        <translation>描述第一张参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="153"/>
        <source>Four prompts for the first reference image</source>
        <translation>为第一张参考图生成四条提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="154"/>
        <source>Blend the references</source>
        <translation>混合参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="154"/>
        <source>Blend 2 to 5 reference images</source>
        <translation>混合 2 到 5 张参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="155"/>
        <source>Shorten the prompt</source>
        <translation>精简提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="155"/>
        <source>Shorter versions of the prompt</source>
        <translation>提示词的精简版本</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="156"/>
        <source>Swap face</source>
        <translation>换脸</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="156"/>
        <source>The face of the first reference onto the second</source>
        <translation>把第一张参考图的脸换到第二张上</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="165"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="167"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="167"/>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="168"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="166"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="168"/>
        <source>MJ speed</source>
        <translation>MJ 速度</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="174"/>
        <source>Reference images — drop files or gallery pictures here; with a mask they are edited, with Midjourney they guide the grid.</source>
        <translation>参考图——把文件或图库中的图片拖到这里；配合蒙版时会被编辑，配合 Midjourney 时用来引导四宫格。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="181"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="204"/>
        <source>Results appear here. Every image is saved in the gallery.</source>
        <translation>结果会显示在这里。每张图片都会保存到图库。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="173"/>
        <location filename="../../studio/views/image_tab.py" line="293"/>
        <source>Reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="246"/>
        <source>Double-click a prompt to put it in the form</source>
        <translation>双击提示词即可填入表单</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="294"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="311"/>
        <source>Prompt for this change</source>
        <translation>这次修改的提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="394"/>
        <source>{0} — {1} via {2} ({3})</source>
        <translation>{0} — {1}，通过 {2}（{3}）</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="450"/>
        <source>⟳ Reroll</source>
        <translation>⟳ 重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="450"/>
        <source>← Pan</source>
        <translation>← 向左扩展</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="450"/>
        <source>Pan →</source>
        <translation>向右扩展 →</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="451"/>
        <source>↑ Pan</source>
        <translation>↑ 向上扩展</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="451"/>
        <source>↓ Pan</source>
        <translation>↓ 向下扩展</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="451"/>
        <source>Zoom Out 2x</source>
        <translation>缩小 2 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="452"/>
        <source>Zoom Out 1.5x</source>
        <translation>缩小 1.5 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="452"/>
        <source>Custom Zoom</source>
        <translation>自定义缩放</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="453"/>
        <source>Vary (Strong)</source>
        <translation>强变化</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="453"/>
        <source>Vary (Subtle)</source>
        <translation>弱变化</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="454"/>
        <source>Vary (Region)</source>
        <translation>局部重绘</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="454"/>
        <source>Upscale 2x</source>
        <translation>放大 2 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="455"/>
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
        <location filename="../../studio/viewmodels/jobs.py" line="91"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="91"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="91"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="115"/>
        <source>Model: {0} · dialect: {1} ({2})</source>
        <translation>模型：{0} · 接口格式：{1}（{2}）</translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="45"/>
        <source>Saved</source>
        <extracomment>0-100 while a job runs and reports progress, else -1 (the panel draws a bar)</extracomment>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="46"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="47"/>
        <source>Unknown — may have been sent</source>
        <translation>未知——可能已发送</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="48"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="49"/>
        <source>Running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="50"/>
        <source>Stalled</source>
        <translation>长时间无进展</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="51"/>
        <source>Saving</source>
        <translation>保存中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="52"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="53"/>
        <source>Done — link only</source>
        <translation>完成——仅有链接</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="54"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="55"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="54"/>
        <source>No jobs yet. Images, videos and songs you generate appear here while they run, and survive a restart.</source>
        <extracomment>the user opened a job (double-click): its id</extracomment>
        <translation>还没有任务。生成的图片、视频和歌曲会在运行时显示在这里，重启后也不会丢失。</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="78"/>
        <location filename="../../studio/views/jobs_panel.py" line="144"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="79"/>
        <location filename="../../studio/views/jobs_panel.py" line="139"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="80"/>
        <source>Keep waiting</source>
        <translation>继续等待</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="81"/>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="133"/>
        <source>{0} · dialect {1} ({2})</source>
        <translation>{0} · 接口格式 {1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="138"/>
        <source>Submit again</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="139"/>
        <source>Download now</source>
        <translation>立即下载</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="144"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="157"/>
        <source>Discard job</source>
        <translation>丢弃任务</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="158"/>
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
        <location filename="../../studio/views/main_window.py" line="64"/>
        <location filename="../../studio/views/main_window.py" line="219"/>
        <source>Relay Studio</source>
        <translation>Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="79"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="81"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="83"/>
        <source>Video: Sora-style /v1/videos, Kling, Luma, Runway and Vidu; drop an image here to animate it.</source>
        <translation>视频：Sora 风格的 /v1/videos、可灵、Luma、Runway 和 Vidu；把图片拖到这里即可让它动起来。</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="84"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="85"/>
        <source>Music: Suno and Udio songs, lyrics and extensions.</source>
        <translation>音乐：Suno 和 Udio 的歌曲、歌词与续写。</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="86"/>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="87"/>
        <source>Audio: transcription, translation and speech.</source>
        <translation>音频：转写、翻译和语音合成。</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="88"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="90"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="94"/>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="101"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="102"/>
        <source>Relay &amp;profiles…</source>
        <translation>中转站配置(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="106"/>
        <source>&amp;Gallery</source>
        <translation>图库(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="111"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="116"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="118"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="120"/>
        <location filename="../../studio/views/main_window.py" line="124"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="120"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="121"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="122"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="126"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="127"/>
        <source>&amp;About Relay Studio</source>
        <translation>关于 Relay Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="131"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="149"/>
        <source>The change applies the next time Relay Studio starts.</source>
        <translation>更改将在下次启动 Relay Studio 时生效。</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="201"/>
        <source>Profile: {0}</source>
        <translation>配置：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="203"/>
        <source>No relay profile</source>
        <translation>没有中转站配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="211"/>
        <source>About Relay Studio</source>
        <translation>关于 Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="210"/>
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
    <name>PlaceholderTab</name>
    <message>
        <location filename="../../studio/views/main_window.py" line="40"/>
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
        <location filename="../../studio/viewmodels/profiles.py" line="126"/>
        <source>The profile {name} no longer exists.</source>
        <extracomment>list[ProfileItem], oldest first list[RouteItem], one per capability in `CAPABILITIES` order (profile name, one sentence): the outcome of `testConnection`, success or error (profile name, True when connected), emitted just before `testResult` so the view can colour it profile name, after `save` stored it (the view clears the key field then)</extracomment>
        <translation>配置 {name} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="129"/>
        <source>There is already a profile named {name}; choose another name.</source>
        <translation>已存在名为 {name} 的配置，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="132"/>
        <source>Give either an API key or an environment variable, not both.</source>
        <translation>请只填写 API 密钥或环境变量其中之一。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="152"/>
        <source>Enter the API key, or choose “Environment variable” and give the name of the variable that holds it.</source>
        <translation>请输入 API 密钥，或选择“环境变量”并填写保存密钥的变量名。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="170"/>
        <source>The system keyring cannot keep the API key here; choose “Environment variable” and give the name of a variable that holds the key instead.</source>
        <translation>此系统的钥匙串无法保存 API 密钥；请选择“环境变量”，并填写保存密钥的变量名。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/viewmodels/profiles.py" line="219"/>
        <source>Connected: %n models; {balance}.</source>
        <translation>
            <numerusform>已连接：%n 个模型；{balance}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="235"/>
        <source>unlimited balance</source>
        <translation>余额无限</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="237"/>
        <source>balance unknown</source>
        <translation>余额未知</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="239"/>
        <source>balance {amount} {unit} remaining</source>
        <translation>余额剩余 {amount} {unit}</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="251"/>
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
        <location filename="../../studio/views/transcript.py" line="370"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="374"/>
        <source>{0} in · {1} out tokens</source>
        <translation>输入 {0} · 输出 {1} tokens</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="167"/>
        <location filename="../../studio/views/transcript.py" line="219"/>
        <location filename="../../studio/views/transcript.py" line="324"/>
        <location filename="../../studio/views/transcript.py" line="376"/>
        <location filename="../../studio/views/transcript.py" line="381"/>
        <source>Copy</source>
        <extracomment>an open tail longer than this is shown as plain text, appended incrementally, until it finishes characters that can change how markdown renders; a plain tail without them is already exact an action link under a message was clicked: (&quot;edit&quot; | &quot;regenerate&quot;, message id) rendered replies by (id, dark, content hash): reopening a conversation skips markdown</extracomment>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="376"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="381"/>
        <source>Edit</source>
        <translation>编辑</translation>
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
