<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../studio/app.py" line="436"/>
        <source>The database was damaged; it was copied aside to {0} and a new one was started.</source>
        <extracomment>the repository&apos;s resources/ folder, installed as the package `relay_studio_resources` (pyproject.toml); a wheel&apos;s and the editable install&apos;s are real folders, so Qt gets file paths without extracting anything set by benchmarks/startup.py: print when the first frame is painted, then RSS a second later, then quit</extracomment>
        <translation>数据库已损坏；它已被移到 {0}，并已新建一个数据库。</translation>
    </message>
    <message>
        <location filename="../../studio/app.py" line="453"/>
        <source>Relay Studio cannot start</source>
        <translation>Relay Studio 无法启动</translation>
    </message>
</context>
<context>
    <name>AudioTab</name>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="338"/>
        <location filename="../../studio/views/audio_tab.py" line="389"/>
        <source>Transcribe</source>
        <translation>转写</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="339"/>
        <source>Speech to text: subtitles and transcripts</source>
        <translation>语音转文字：字幕与文字稿</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="342"/>
        <source>Speech</source>
        <translation>语音合成</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="343"/>
        <source>Text to speech: a voice-over</source>
        <translation>文字转语音：配音</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="380"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="385"/>
        <source>Names and words to expect (optional)</source>
        <translation>可能出现的人名和词语（可选）</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="386"/>
        <source>Translate into English</source>
        <translation>翻译成英文</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="388"/>
        <source>English text of speech in any language (whisper-1 only)</source>
        <translation>把任何语言的语音转成英文文字（仅 whisper-1）</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="394"/>
        <location filename="../../studio/views/audio_tab.py" line="501"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="395"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="396"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="736"/>
        <source>The transcript appears here, line by line, and follows the playback. Every transcript is saved in the gallery.</source>
        <translation>文字稿会逐行显示在这里，并跟随播放进度。每份文字稿都保存在图库中。</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="421"/>
        <source>Nothing to play yet</source>
        <translation>暂无可播放的内容</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="378"/>
        <source>The language spoken (any other may be typed as a two-letter code such as nl); automatic when left empty</source>
        <translation>所说的语言（其他语言可输入两个字母的代码，如 nl）；留空则自动识别</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="430"/>
        <source>Save as SRT…</source>
        <translation>另存为 SRT…</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="430"/>
        <source>Save as WebVTT…</source>
        <translation>另存为 WebVTT…</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="431"/>
        <source>Save as text…</source>
        <translation>另存为文本…</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="462"/>
        <source>The text to speak; a long text is spoken in parts and joined</source>
        <translation>要朗读的文字；长文字会分段朗读后再合并</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="471"/>
        <source>Sample</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="473"/>
        <source>Hear a short sample of this voice. It is made once through the relay (a sentence is paid for) and kept on this computer, so hearing it again is free.</source>
        <translation>试听这个音色的简短样音。样音通过中转站生成一次（按一句话计费）并保存在本机，再次试听不再付费。</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="481"/>
        <source>How to speak: tone, accent, pace</source>
        <translation>怎样朗读：语气、口音、语速</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="482"/>
        <source>Only gpt-4o-mini-tts takes instructions.</source>
        <translation>只有 gpt-4o-mini-tts 接受朗读说明。</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="496"/>
        <source>1 is the voice&apos;s normal pace</source>
        <translation>1 为正常语速</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="497"/>
        <source>Speak</source>
        <translation>朗读</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="502"/>
        <source>Voice</source>
        <translation>音色</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="503"/>
        <source>Instructions</source>
        <translation>朗读说明</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="505"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="506"/>
        <source>Speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="509"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="515"/>
        <source>The voice-over plays here once it is ready. Every voice-over is saved in the gallery.</source>
        <translation>配音完成后在这里播放。每段配音都保存在图库中。</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="522"/>
        <source>No voice-over yet</source>
        <translation>还没有配音</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="614"/>
        <source>Recording to transcribe</source>
        <translation>要转写的录音</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="615"/>
        <source>Audio and video ({0})</source>
        <translation>音频和视频（{0}）</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="626"/>
        <source>transcript</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="628"/>
        <source>SubRip subtitles (*.srt)</source>
        <translation>SubRip 字幕 (*.srt)</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="628"/>
        <source>WebVTT subtitles (*.vtt)</source>
        <translation>WebVTT 字幕 (*.vtt)</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="629"/>
        <source>Text (*.txt)</source>
        <translation>文本 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="630"/>
        <source>Save the transcript</source>
        <translation>保存文字稿</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/views/audio_tab.py" line="741"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="742"/>
        <source>{0} — {1} · {2} · {3}</source>
        <translation>{0} — {1} · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="743"/>
        <location filename="../../studio/views/audio_tab.py" line="758"/>
        <source>{0} — {1} · {2}</source>
        <translation>{0} — {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="768"/>
        <source>The voice-over is being made; it plays here once it is ready.</source>
        <translation>正在生成配音，完成后在这里播放。</translation>
    </message>
</context>
<context>
    <name>AudioViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="269"/>
        <source>There is no transcript to save yet.</source>
        <extracomment>the transcription models offered first (the relay&apos;s own speech-to-text models follow) the speech models offered first what may be exported, and the `studio.api.subtitles` format each is rendered in the phrase a voice sample says, in the user&apos;s language (synthesized once per model, voice and wording) list[str] of speech-to-text models; then list[str] of speech models the recording to transcribe (a `Source`), or None a `TranscriptionView` of the job shown (None: none, another recording was set) the index of the line being spoken (-1: none) the player should jump to this many seconds (a line was clicked) a `SpeechView` of the speech job shown a job was opened in a part: &quot;transcribe&quot; or &quot;speech&quot; (the view brings that part forward) a voice&apos;s sample is ready to play: voice, file a transcript was exported: the file written the loudness of a sound the player plays, for its picture: file, list[float] of bar heights 0-1 the part shown changed: the route its requests go to (&quot;transcribe&quot; / &quot;speech&quot;), for the status bar</extracomment>
        <translation>还没有可保存的文字稿。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="272"/>
        <source>{0} gave no timestamps, so there are no subtitle times to save; save the text, or transcribe with whisper-1 for subtitles.</source>
        <translation>{0} 没有给出时间戳，因此没有字幕时间可保存；请保存为文本，或用 whisper-1 转写以获得字幕。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="273"/>
        <source>The model</source>
        <translation>该模型</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="349"/>
        <source>This {0} holds no sound; drop a recording or a video to transcribe it.</source>
        <translation>这个{0}没有声音；请拖入录音或视频来转写。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="403"/>
        <source>Drop a recording or a video here first, or choose one.</source>
        <translation>请先把录音或视频拖到这里，或选择一个文件。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="584"/>
        <source>A line cannot be empty; its words were kept.</source>
        <translation>一行不能为空；原来的文字已保留。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="610"/>
        <source>Unknown export format.</source>
        <translation>未知的导出格式。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="618"/>
        <source>{0} could not be written ({1}).</source>
        <translation>无法写入 {0}（{1}）。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="631"/>
        <source>Write the text to speak first: it is empty.</source>
        <translation>请先填写要朗读的文字：现在是空的。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="655"/>
        <source>Choose a voice first.</source>
        <translation>请先选择音色。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="657"/>
        <source>Hello! This is how I sound when I read your text aloud.</source>
        <translation>你好！我朗读你的文字时就是这个声音。</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="166"/>
        <source>Search conversations</source>
        <extracomment>the welcome page&apos;s paragraph at most this wide (px) Ctrl+Enter was pressed an image was pasted (PNG bytes) local files were pasted or dropped the user asked to manage relay profiles (welcome page, error hints)</extracomment>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="167"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="168"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="169"/>
        <source>Welcome to Relay Studio</source>
        <translation>欢迎使用 Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="171"/>
        <source>Chat, images, video, music and audio through your AI relay. To begin, add the relay&apos;s base URL and your API key; the studio keeps the key safe: in your system keyring, or where there is none, in memory or in a file encrypted with your passphrase.</source>
        <translation>通过你的 AI 中转站进行对话，生成图片、视频、音乐和音频。开始前，请添加中转站的接口地址和 API 密钥；工作室会安全地保存密钥：保存在系统密钥环中，没有密钥环时保存在内存中，或保存在用你的口令加密的文件中。</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="175"/>
        <source>Add a relay profile…</source>
        <translation>添加中转站配置…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="176"/>
        <source>Model (Ctrl+K to search)</source>
        <translation>模型（Ctrl+K 搜索）</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="177"/>
        <source>Relay</source>
        <translation>中转站</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="179"/>
        <source>The relay profile this conversation&apos;s messages go to; &quot;routed&quot; marks the one chosen for chat under Routing in Relay profiles.</source>
        <translation>此对话的消息发往的中转站配置；“路由”标记的是在“中转站配置”的路由中为聊天选定的那一个。</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="182"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="183"/>
        <source>Instructions the model follows for this conversation</source>
        <translation>模型在本对话中遵循的指令</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="184"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="185"/>
        <source>Message — Ctrl+Enter to send; paste or drop images and files</source>
        <translation>输入消息 — Ctrl+Enter 发送；可粘贴或拖入图片和文件</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="186"/>
        <source>Attach…</source>
        <translation>附件…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="187"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="188"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="189"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="190"/>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复 (Esc)</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="370"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="406"/>
        <source>{name} (routed)</source>
        <translation>{name}（路由）</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="439"/>
        <source>Remove {0}</source>
        <translation>移除 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="495"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="496"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="499"/>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="499"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="509"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../studio/views/chat_tab.py" line="507"/>
        <source>Images and documents (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.json *.csv);;All files (*)</source>
        <translation>图片和文档 (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.json *.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ChatViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/chat.py" line="449"/>
        <source>There is no conversation to regenerate.</source>
        <extracomment>PNG bytes of a small preview (images only), made off the UI thread which of the reply&apos;s versions this is (0-based) and how many there are (Regenerate keeps the old ones) list[ConversationItem] for the sidebar Transcript: the whole conversation to show (opening, new chat) (user MessageView, assistant MessageView placeholder) when a turn starts batched (content, reasoning) deltas of the reply being streamed the final assistant MessageView (complete, interrupted or error) list[AttachmentView] waiting to be sent True while a reply streams text to put back into the input box for editing editing a sent message was given up (Esc): the input box goes back to empty the system prompt of the conversation on screen (&quot;&quot; for none) whether any relay profile exists (False shows the welcome page) RelayChoice: the relay picker&apos;s profiles, routing&apos;s one and the one in use the name of the profile the next message goes to (&quot;&quot; with no profile)</extracomment>
        <translation>没有可以重新生成的对话。</translation>
    </message>
</context>
<context>
    <name>ClipRow</name>
    <message>
        <location filename="../../studio/views/music_tab.py" line="136"/>
        <location filename="../../studio/views/music_tab.py" line="162"/>
        <source>Untitled</source>
        <extracomment>the player&apos;s height: the cover as its poster, and its controls</extracomment>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="141"/>
        <source>Lyrics</source>
        <translation>歌词</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="152"/>
        <source>Take {0}</source>
        <translation>第 {0} 首</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="183"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="183"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../studio/views/asset_details.py" line="200"/>
        <source>Prompt</source>
        <extracomment>the side panel&apos;s width: a prompt of a few lines reads well, the picture keeps most of the window how long the &quot;Copied&quot; note stays kept for the session: whether viewers open with their details shown, and the last &quot;Save as…&quot; folder</extracomment>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="201"/>
        <source>Copy prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="202"/>
        <source>Re-run</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="203"/>
        <source>Transcribe</source>
        <translation>转写</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="204"/>
        <source>Open the Audio tab to turn its speech into text</source>
        <translation>在音频标签页中把其中的语音转成文字</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="205"/>
        <source>Extend</source>
        <translation>续写</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="206"/>
        <source>Open the Music tab to continue this song</source>
        <translation>在音乐标签页中续写这首歌</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="207"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="207"/>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="208"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="207"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="209"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="209"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="210"/>
        <source>Relay</source>
        <translation>中转站</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="226"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="231"/>
        <source>Open the Video tab with this video&apos;s prompt and options</source>
        <translation>用这个视频的提示词和选项打开视频页</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="232"/>
        <source>Open the Image tab with this prompt and model</source>
        <translation>用这个提示词和模型打开图片页</translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="133"/>
        <source>Drop an audio or video file here, or drag one from the Gallery</source>
        <extracomment>languages offered (ISO-639-1, what the route takes); any other code may be typed seconds the lines stay where the user scrolled them before they follow the playback again how tall the player stands for a sound (its waveform and controls); a video takes the room it gets the waveform&apos;s colours: played and still to come (on the player&apos;s black) the loudest bar&apos;s share of the stage&apos;s height (the rest is room around the sound) a file was dropped: its path, and its gallery id (&quot;&quot; for a file from elsewhere)</extracomment>
        <translation>把音频或视频文件拖到这里，或从图库拖入</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="148"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="149"/>
        <source>Choose an audio or video file</source>
        <translation>选择音频或视频文件</translation>
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
        <location filename="../../studio/viewmodels/errors.py" line="25"/>
        <source>The relay rejected the API key; check the key of this profile</source>
        <translation>中转站拒绝了 API 密钥，请检查此配置的密钥</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="26"/>
        <source>The relay account has no quota left</source>
        <translation>中转站账户额度已用完</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="27"/>
        <source>The relay refused the request</source>
        <translation>中转站拒绝了请求</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="28"/>
        <source>The relay does not know this endpoint; check the base URL</source>
        <translation>中转站不认识此接口，请检查 Base URL</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="29"/>
        <source>The relay has no channel for this model</source>
        <translation>中转站没有此模型的可用渠道</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="30"/>
        <source>The relay is rate-limiting requests, try again shortly</source>
        <translation>中转站正在限流，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="31"/>
        <source>The relay does not implement this endpoint</source>
        <translation>中转站未实现此接口</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="32"/>
        <source>The relay failed</source>
        <translation>中转站出错</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="33"/>
        <source>The relay reported an error in the middle of the reply</source>
        <translation>中转站在回复中途报告了错误</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="34"/>
        <source>The relay rejected the request</source>
        <translation>中转站拒绝了该请求</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="36"/>
        <source>The relay returned an error</source>
        <translation>中转站返回了错误</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="55"/>
        <source>Cannot reach the relay at {host}; it refused the connection or is down.</source>
        <translation>无法连接中转站 {host}：连接被拒绝或服务已停止。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="56"/>
        <source>The relay&apos;s host name {host} cannot be resolved; check the base URL.</source>
        <translation>无法解析中转站主机名 {host}，请检查 Base URL。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="57"/>
        <source>The TLS certificate of {host} could not be verified.</source>
        <translation>无法验证 {host} 的 TLS 证书。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="58"/>
        <source>The proxy refused the connection to {host}.</source>
        <translation>代理拒绝了到 {host} 的连接。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="59"/>
        <source>The connection to the relay at {host} broke before the answer was complete.</source>
        <translation>与中转站 {host} 的连接在回复完成前中断。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="60"/>
        <source>Connecting to the relay at {host} timed out after {seconds} s.</source>
        <translation>连接中转站 {host} 超时（{seconds} 秒）。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="61"/>
        <source>The relay at {host} sent nothing for {seconds} s; it may be overloaded.</source>
        <translation>中转站 {host} 已 {seconds} 秒没有返回数据，可能负载过高。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="62"/>
        <source>The connection to the relay at {host} timed out.</source>
        <translation>与中转站 {host} 的连接超时。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="71"/>
        <source>The API key of {0} was kept in memory only and is gone since the studio quit; open Relay profiles and paste it again.</source>
        <translation>{0} 的 API 密钥只保存在内存中，工作室退出后已清除；请打开“中转站配置”重新粘贴。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="72"/>
        <source>The API key of {0} is in the encrypted key file, which was not unlocked; restart the studio and enter the passphrase when it asks.</source>
        <translation>{0} 的 API 密钥在加密密钥文件中，但该文件尚未解锁；请重启工作室，并在提示时输入口令。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="73"/>
        <source>No API key is stored for {0}; open Relay profiles and paste it again.</source>
        <translation>{0} 没有保存 API 密钥；请打开“中转站配置”重新粘贴。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="74"/>
        <source>No system keyring is available to keep the API key safe; open Relay profiles and keep it in memory or in an encrypted file.</source>
        <translation>没有可用的系统密钥环来安全保存 API 密钥；请打开“中转站配置”，选择保存在内存中或加密文件中。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="75"/>
        <source>That passphrase does not open the encrypted key file.</source>
        <translation>这个口令无法打开加密密钥文件。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="41"/>
        <source>HTTP {0}</source>
        <translation>HTTP {0}</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="41"/>
        <source>in the reply</source>
        <translation>回复中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="43"/>
        <source>{category}: {message} ({where}).</source>
        <translation>{category}：{message}（{where}）。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="46"/>
        <source>{category} ({where}).</source>
        <translation>{category}（{where}）。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="48"/>
        <source>It asks to wait {0} s.</source>
        <translation>需要等待 {0} 秒。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="84"/>
        <source>The disk holding the library is full: {0} MB free, and Relay Studio keeps {1} MB free before it sends a paid request.</source>
        <translation>存放作品库的磁盘已满：仅剩 {0} MB，而 Relay Studio 在发送付费请求前需保留 {1} MB 空闲空间。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="86"/>
        <source>The disk holding the library is full: {0} MB free, the file needs {1} MB.</source>
        <translation>存放作品库的磁盘已满：仅剩 {0} MB，而该文件需要 {1} MB。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="87"/>
        <source>The disk holding the library is full: {0} MB free.</source>
        <translation>存放作品库的磁盘已满：仅剩 {0} MB。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="101"/>
        <source>The relay accepted the job but gave no task id.</source>
        <translation>中转站接受了任务，但没有返回任务 ID。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="103"/>
        <source>This version of Relay Studio cannot run {0} jobs.</source>
        <translation>此版本的 Relay Studio 无法运行 {0} 任务。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="106"/>
        <source>The relay reported a failure.</source>
        <translation>中转站报告失败。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="108"/>
        <source>The job was cancelled while it was being sent; the relay may have received it.</source>
        <translation>任务在发送过程中被取消；中转站可能已经收到。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="110"/>
        <source>Relay Studio failed while running this job; the details are in the log file. Retry it to continue.</source>
        <translation>Relay Studio 在运行此任务时出错，详情见日志文件。请重试以继续。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="112"/>
        <source>{0} result(s) could not be downloaded; the relay&apos;s temporary link may still work.</source>
        <translation>有 {0} 个结果无法下载；中转站的临时链接可能仍然有效。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="114"/>
        <source>{0}; nothing was sent.</source>
        <translation>{0}；未发送任何内容。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="115"/>
        <source>{0} after the request was sent; the relay may have started the job. Check the relay&apos;s task list, then submit again or discard.</source>
        <translation>请求发送后{0}；中转站可能已开始该任务。请先查看中转站的任务列表，再重新提交或放弃。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="116"/>
        <source>{0}; the relay may still have started the job. Check its task list, then submit again or discard.</source>
        <translation>{0}；中转站仍可能已开始该任务。请先查看其任务列表，再重新提交或放弃。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="117"/>
        <source>{0}; the relay&apos;s temporary link is kept: free some space, then download again.</source>
        <translation>{0}；中转站的临时链接已保留：请释放一些空间，然后重新下载。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="125"/>
        <source>The relay</source>
        <translation>中转站</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="127"/>
        <source>{0} finished the task without an image.</source>
        <translation>{0} 完成了任务，但没有生成图片。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="130"/>
        <source>The relay did not return a result: {0}.</source>
        <translation>中转站没有返回结果：{0}。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="131"/>
        <source>the model&apos;s answer contains no media link</source>
        <translation>模型的回答中没有媒体链接</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="135"/>
        <source>{0} failed the task: {1}.</source>
        <translation>{0} 任务失败：{1}。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="136"/>
        <source>{0} failed the video: {1}.</source>
        <translation>{0} 视频生成失败：{1}。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="137"/>
        <source>{0} failed the generation: {1}.</source>
        <translation>{0} 生成失败：{1}。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="140"/>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="148"/>
        <source>The relay cut the reply off before it finished; what arrived was kept.</source>
        <translation>中转站在回复完成前中断了连接，已收到的内容已保留。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="150"/>
        <source>The relay sent an answer Relay Studio cannot read; check that the base URL points at its API.</source>
        <translation>中转站返回了无法解析的内容，请确认 Base URL 指向其 API。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="154"/>
        <source>(request id: {0})</source>
        <translation>（请求 ID：{0}）</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="178"/>
        <source>{0} is silent; nothing was sent.</source>
        <translation>{0} 是静音；未发送任何内容。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="180"/>
        <source>{0} of {1} parts transcribed</source>
        <translation>已转写 {0} / {1} 段</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="182"/>
        <source>Cutting the recording into parts: {0} minutes so far</source>
        <translation>正在把录音分段：已处理 {0} 分钟</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="185"/>
        <source>The recording is longer than one upload; cutting it into parts</source>
        <translation>录音超过单次上传的大小；正在分段</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="187"/>
        <source>The relay takes at most {0} MB an upload; cutting smaller parts</source>
        <translation>中转站每次上传最多接受 {0} MB；正在切成更小的段</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="190"/>
        <source>{0} takes at most {1} minutes an upload: cutting shorter parts</source>
        <translation>{0} 每次上传最多 {1} 分钟：正在切成更短的段</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="193"/>
        <source>Compressing {0}</source>
        <translation>正在压缩 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="195"/>
        <source>Compressed {0} minutes of {1}</source>
        <translation>已压缩 {1} 的 {0} 分钟</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="234"/>
        <source>{0} GB</source>
        <extracomment>why a picture was refused for a frame slot (the view-model finds out which, then words it here)</extracomment>
        <translation>{0} GB</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="235"/>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="242"/>
        <source>{0} does not exist.</source>
        <translation>{0} 不存在。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="244"/>
        <source>{0} is not a file.</source>
        <translation>{0} 不是文件。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="246"/>
        <source>{0} is {1}; a frame picture may be at most {2}.</source>
        <translation>{0} 大小为 {1}；首尾帧图片最大 {2}。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="249"/>
        <source>{0} is damaged: it does not decode as a picture.</source>
        <translation>{0} 已损坏：无法作为图片解码。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="250"/>
        <source>{0} is not a PNG, JPEG, GIF, WebP or HEIC picture.</source>
        <translation>{0} 不是 PNG、JPEG、GIF、WebP 或 HEIC 图片。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="264"/>
        <source>{0} is {1}; a recording to transcribe may be at most {2}.</source>
        <extracomment>why a recording was refused for a transcription (studio/viewmodels/audio.py `check_recording` finds out which, as studio/services/audio_input.py checks it; MISSING, NOT_A_FILE, TOO_LARGE and DAMAGED as for pictures)</extracomment>
        <translation>{0} 大小为 {1}；要转写的录音最大为 {2}。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="267"/>
        <source>{0} is empty: there is nothing to transcribe.</source>
        <translation>{0} 是空文件：没有可转写的内容。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="269"/>
        <source>{0} is damaged: it does not play as sound.</source>
        <translation>{0} 已损坏：无法作为声音播放。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="271"/>
        <source>{0} holds no sound to transcribe.</source>
        <translation>{0} 中没有可转写的声音。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="273"/>
        <source>No speech was heard in {0} (it may be silent); nothing was saved.</source>
        <translation>{0} 中没有听到语音（可能是静音）；未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/errors.py" line="275"/>
        <source>{0} is not an audio or video file.</source>
        <translation>{0} 不是音频或视频文件。</translation>
    </message>
</context>
<context>
    <name>Families</name>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="27"/>
        <source>Chat format</source>
        <translation>对话格式</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="28"/>
        <source>Images API</source>
        <translation>图片 API</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="29"/>
        <source>Midjourney</source>
        <translation>Midjourney</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="30"/>
        <source>Ideogram</source>
        <translation>Ideogram</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="31"/>
        <source>Videos API</source>
        <translation>视频 API</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="32"/>
        <source>Video generations</source>
        <translation>通用视频生成</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="33"/>
        <source>Kling</source>
        <translation>可灵</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="34"/>
        <source>Luma</source>
        <translation>Luma</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="35"/>
        <source>Vidu</source>
        <translation>Vidu</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="36"/>
        <source>Runway</source>
        <translation>Runway</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="37"/>
        <source>Jimeng</source>
        <translation>即梦</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="38"/>
        <source>Pika</source>
        <translation>Pika</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="39"/>
        <source>PixVerse</source>
        <translation>PixVerse</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="40"/>
        <source>Custom video</source>
        <translation>自定义视频</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="41"/>
        <source>Suno</source>
        <translation>Suno</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="42"/>
        <source>Speech API</source>
        <translation>语音合成 API</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="43"/>
        <source>Transcription API</source>
        <translation>语音转写 API</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="44"/>
        <source>Udio</source>
        <translation>Udio</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="45"/>
        <source>Replicate</source>
        <translation>Replicate</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="58"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="63"/>
        <location filename="../../studio/viewmodels/families.py" line="64"/>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="65"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="66"/>
        <source>music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="67"/>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="73"/>
        <source>A remix</source>
        <translation>改编</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="74"/>
        <source>An extension</source>
        <translation>延长</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="75"/>
        <source>An upscale</source>
        <translation>高清化</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="89"/>
        <source>this format</source>
        <translation>此格式</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="91"/>
        <source>You chose {0} for this model under Format.</source>
        <translation>你在“格式”中为此模型选择了{0}。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="93"/>
        <source>The relay&apos;s model list says this model is served through {0}.</source>
        <translation>中转站的模型列表表明此模型通过{0}提供。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="96"/>
        <source>{0} was chosen from the model&apos;s name; pick another under Format if the relay expects a different one.</source>
        <translation>根据模型名称选择了{0}；如果中转站要求其他格式，请在“格式”中更改。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="101"/>
        <source>{0} is the usual format for {1} models; pick another under Format if the relay expects a different one.</source>
        <translation>{0}是{1}模型的常用格式；如果中转站要求其他格式，请在“格式”中更改。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="105"/>
        <source>Midjourney tools (describe, blend, …) are always sent to Midjourney.</source>
        <translation>Midjourney 工具（描述、混合等）总是发送给 Midjourney。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="108"/>
        <source>A button of a Midjourney task is sent to Midjourney, like the task itself.</source>
        <translation>Midjourney 任务的按钮与任务本身一样发送给 Midjourney。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="111"/>
        <source>Variations of an image are made through {0}.</source>
        <translation>图片变体通过{0}生成。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="114"/>
        <source>{0} is the only format that offers this request.</source>
        <translation>只有{0}提供此请求。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="116"/>
        <source>An extension of a song is sent in the same format as the song it continues ({0}).</source>
        <translation>续写的歌曲以原歌曲的同一格式发送（{0}）。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="121"/>
        <source>{0} is sent in the same format as the video it starts from ({1}).</source>
        <translation>{0}使用与原视频相同的格式（{1}）发送。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="129"/>
        <source>{0} is sent as {1}, which cannot make {2}s; choose another format for it under Format, or another model.</source>
        <translation>{0} 以{1}发送，无法生成{2}；请在“格式”中为它选择其他格式，或换一个模型。</translation>
    </message>
</context>
<context>
    <name>FamilyBox</name>
    <message>
        <location filename="../../studio/views/panes.py" line="35"/>
        <source>Which request format the model speaks; remembered for this model</source>
        <translation>该模型使用的请求格式；会为这个模型记住</translation>
    </message>
    <message>
        <location filename="../../studio/views/panes.py" line="37"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../studio/views/first_start.py" line="88"/>
        <source>Connect your relay</source>
        <translation>连接你的中转站</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="88"/>
        <source>Enter the API key again</source>
        <translation>重新输入 API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="95"/>
        <source>Paste your relay&apos;s address and your API key. Test checks them before anything is saved.</source>
        <translation>粘贴中转站地址和 API 密钥。“测试”会在保存前先检查它们。</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="97"/>
        <source>The API key of {name} was kept in memory only, so it is gone since the studio quit. Paste it again to go on.</source>
        <translation>{name} 的 API 密钥只保存在内存中，工作室退出后已清除。请重新粘贴以继续。</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="107"/>
        <source>Paste the relay&apos;s API key</source>
        <translation>粘贴中转站的 API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="110"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="124"/>
        <source>Base URL</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="125"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="129"/>
        <source>Checking where the key can be kept safely…</source>
        <translation>正在检查密钥可以安全保存在哪里…</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="132"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="165"/>
        <source>This computer has no system keyring to keep the key safely. Keep it:</source>
        <translation>这台电脑没有可安全保存密钥的系统密钥环。请选择保存方式：</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="167"/>
        <source>In memory until the studio quits</source>
        <translation>保存在内存中，直到工作室退出</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="169"/>
        <source>Nothing is written to disk; you paste the key again at the next start.</source>
        <translation>不写入磁盘；下次启动时需要重新粘贴密钥。</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="170"/>
        <source>In an encrypted file, locked by a passphrase</source>
        <translation>保存在加密文件中，用口令锁定</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="172"/>
        <source>The key is saved encrypted in the studio&apos;s data folder; the studio asks for the passphrase once each time it starts.</source>
        <translation>密钥加密保存在工作室的数据文件夹中；每次启动时工作室会询问一次口令。</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="185"/>
        <source>The same passphrase again</source>
        <translation>再次输入相同口令</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="190"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="191"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="221"/>
        <source>The key is kept in your system&apos;s keyring.</source>
        <translation>密钥保存在系统密钥环中。</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="226"/>
        <source>The studio already keeps keys in an encrypted file: enter its passphrase to add this one.</source>
        <translation>工作室已将密钥保存在加密文件中：输入其口令即可添加此密钥。</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="266"/>
        <source>Choose a passphrase</source>
        <translation>设置口令</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="267"/>
        <source>The key file&apos;s passphrase</source>
        <translation>密钥文件的口令</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="275"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="286"/>
        <source>The two passphrases differ; type the same one twice.</source>
        <translation>两次输入的口令不一致，请输入相同的口令。</translation>
    </message>
</context>
<context>
    <name>FrameSlot</name>
    <message>
        <location filename="../../studio/views/video_tab.py" line="84"/>
        <source>Choose…</source>
        <extracomment>lengths offered where a family takes any number of seconds a picture was dropped: its file, and its gallery id (&quot;&quot; for a file from elsewhere)</extracomment>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="85"/>
        <source>Choose a picture file</source>
        <translation>选择图片文件</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="88"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="89"/>
        <source>Take the picture out of this slot</source>
        <translation>从此处移除图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="113"/>
        <source>Drop a picture here</source>
        <translation>将图片拖放到这里</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="120"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="127"/>
        <source>The picture cannot be shown</source>
        <translation>无法显示这张图片</translation>
    </message>
</context>
<context>
    <name>GalleryBrowser</name>
    <message>
        <location filename="../../studio/views/asset_details.py" line="326"/>
        <source>Previous (←)</source>
        <extracomment>show this asset (of a kind the viewer shows): the viewer loads its file the neighbour is shown by the other viewer: (asset id, path, kind) a sentence for the viewer&apos;s note (&quot;Prompt copied&quot;, &quot;Saved to …&quot;) a sentence for the viewer&apos;s error banner (the copy could not be saved) the viewer should close (Re-run sent the user to a tab) the asset now shown (its id), for the grid to follow both neighbours of the shown asset are known: those there are (a viewer may prepare them)</extracomment>
        <translation>上一个（←）</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="327"/>
        <source>Next (→)</source>
        <translation>下一个（→）</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="328"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="329"/>
        <source>Save a copy of the file somewhere else (Ctrl+S)</source>
        <translation>将文件另存一份到其他位置（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="331"/>
        <source>Hide details</source>
        <translation>隐藏详情</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="332"/>
        <source>Show details</source>
        <translation>显示详情</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="333"/>
        <source>Show or hide the prompt, model, size and date (I)</source>
        <translation>显示或隐藏提示词、模型、尺寸和日期（I）</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="375"/>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="422"/>
        <source>Prompt copied</source>
        <translation>已复制提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="450"/>
        <source>Save a copy</source>
        <translation>保存副本</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="451"/>
        <source>{0} files (*{1})</source>
        <translation>{0} 文件 (*{1})</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="452"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/views/asset_details.py" line="466"/>
        <source>Saved to {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
</context>
<context>
    <name>GalleryListModel</name>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="373"/>
        <location filename="../../studio/viewmodels/gallery.py" line="576"/>
        <source>(no prompt)</source>
        <extracomment>rows fetched per `get_many` call: a few screens of a large window rows near a page edge that also fetch the next (or previous) page, so scrolling rarely shows placeholders thumbnail edge in pixels, as stored by `ThumbnailCache` (`&lt;id&gt;_160.png`); the view&apos;s cells fit it thumbnails&apos; PNG bytes kept in memory (tens of KB each): many screens&apos; worth, a bounded total thumbnails loaded at once; the rest wait in `_wanted`, newest request first while the view scrolls, loads wait until it has not moved for this long ... ... or after this long at the latest, so a scroll that never pauses still sees pictures requests remembered while waiting; older ones (rows scrolled past) are forgotten debounce of the search box the kind filter&apos;s choice that lists songs&apos; covers and videos, which every other choice leaves out (their song&apos;s cell shows them; `GalleryStore.assets(extras=…)`) kinds whose cell shows a thumbnail: a picture&apos;s, a video&apos;s poster frame, a sound&apos;s cover or waveform (texts: a mark) kinds whose sound can be transcribed (a video&apos;s is extracted first) the family whose clips can be extended from a point in time (`continue_clip_id`) the time filter: how many days back each choice reaches kinds the viewers show (pictures in the image viewer, videos and sounds in the media viewer); walking through the gallery in a viewer skips the others rows fetched at once while looking for a neighbour whose page is not loaded yet characters a file name made from a prompt may not contain (Windows&apos; list, which covers the others) flags computed once: `flags()` is called for every cell painted True once the row&apos;s thumbnail bytes are in memory (the view decodes and shows them next) everything a grid cell paints, in one call: (asset id, kind, thumbnail, label, favorite, duration); the thumbnail is its PNG bytes (at most the thumbnail size a side; a video&apos;s poster frame), None while not loaded (or there is none: audio, text, a video without a poster yet); kind and label are &quot;&quot; while the row is not fetched; duration is a video&apos;s or a sound&apos;s seconds, else None the asset&apos;s tags, comma-separated seconds of a video or a sound (None when not recorded, or for a picture) the job that made the asset (None for an imported file) the asset&apos;s thumbnail bytes were replaced (a song&apos;s cover arrived after its waveform was shown): the view forgets the pixmap it decoded for this asset id figures for tests and benchmarks: `get_many` calls and rows they returned, thumbnails loaded</extracomment>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="581"/>
        <source>Model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="461"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="461"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="461"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="462"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="462"/>
        <source>Texts</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="463"/>
        <source>Song covers and videos</source>
        <translation>歌曲封面和视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="467"/>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="467"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="468"/>
        <source>Past 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="468"/>
        <source>Past 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="469"/>
        <source>Past year</source>
        <translation>最近一年</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="475"/>
        <location filename="../../studio/views/gallery_tab.py" line="599"/>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="478"/>
        <source>Favorites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="479"/>
        <source>Show only favorites</source>
        <translation>只显示收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="489"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="490"/>
        <source>Reload the library (F5)</source>
        <translation>重新载入图库 (F5)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/views/gallery_tab.py" line="576"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="581"/>
        <source>Nothing matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的内容。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="583"/>
        <source>No results yet. Images, videos and songs you generate are kept here.</source>
        <translation>还没有作品。你生成的图片、视频和歌曲都会保存在这里。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="671"/>
        <source>No application could open {0}.</source>
        <translation>没有应用程序能打开 {0}。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="714"/>
        <source>Delete this song from the library? This cannot be undone.</source>
        <translation>要从图库中删除这首歌吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="720"/>
        <source>Also delete its cover and video</source>
        <translation>同时删除它的封面和视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="721"/>
        <source>Also delete its cover</source>
        <translation>同时删除它的封面</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="721"/>
        <source>Also delete its video</source>
        <translation>同时删除它的视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="731"/>
        <source>Delete this file from the library? This cannot be undone.</source>
        <translation>要从图库中删除这个文件吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="717"/>
        <location filename="../../studio/views/gallery_tab.py" line="734"/>
        <source>Delete from the gallery</source>
        <translation>从图库删除</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="457"/>
        <source>Search prompts, tags, titles, styles and lyrics</source>
        <extracomment>one cell of the grid: the thumbnail, a line of text and margins the play mark over a video&apos;s picture (diameter) the note mark in a sound&apos;s picture&apos;s corner (diameter) the context menu&apos;s entries by the view-model&apos;s names for them (`GalleryViewModel.allows`) the asset&apos;s thumbnail is decoded: its cell can be repainted</extracomment>
        <translation>搜索提示词、标签、标题、风格和歌词</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="751"/>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="751"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="752"/>
        <source>Unfavorite</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="752"/>
        <source>Favorite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="754"/>
        <source>Re-run prompt</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="754"/>
        <source>Re-run</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="756"/>
        <source>Animate</source>
        <translation>生成视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="757"/>
        <source>Use as reference</source>
        <translation>用作参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="758"/>
        <source>Transcribe</source>
        <translation>转写</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="759"/>
        <source>Extend</source>
        <translation>续写</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="760"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="761"/>
        <source>Edit tags…</source>
        <translation>编辑标签…</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="770"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="777"/>
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location filename="../../studio/views/gallery_tab.py" line="778"/>
        <source>Tags, separated by commas (they are searched with the prompts)</source>
        <translation>标签，用逗号分隔（搜索时会和提示词一起匹配）</translation>
    </message>
</context>
<context>
    <name>GalleryViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="995"/>
        <source>This video was not made by a job of this app, so it cannot be re-run.</source>
        <translation>这个视频不是由本应用的任务生成的，无法重新生成。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="902"/>
        <source>Only images can be animated.</source>
        <extracomment>&quot;1600 × 1200 px · 2.1 MB&quot; (pixels only for pictures and videos) &quot;0:05&quot; for a video or a sound the creation time in the user&apos;s locale the relay (the profile&apos;s name) that made it, as the user named it (&quot;&quot; for an imported file) &quot;&quot; when the asset can be re-run, else the one sentence why not its sound can be transcribed (a sound or a video): the Audio tab opens with it a Suno clip: the Music tab opens to extend it a song&apos;s title (&quot;&quot; when it has none) a song&apos;s style, the tags Suno made it with (&quot;&quot; when it has none) number of assets matching the filters (after each load) the distinct models of the library, for the model filter show the file&apos;s folder (carries the file&apos;s path; the view opens its folder) generate a picture again: (prompt, model) generate a video again with the same prompt, model and options: the job that made it (the Video tab) make a video from this picture: the image asset&apos;s id, for the Video tab&apos;s start frame use this image as a reference in the Image tab (path) show this picture large (path) play this video or sound: (path, kind &quot;video&quot; or &quot;audio&quot;) an asset was deleted (its id), for other views that may show it open this asset in the viewer that shows its kind: (asset id, path, kind); emitted by `view` before `viewRequested` / `playRequested`, for a view that lets its viewer walk through the gallery transcribe this sound or this video&apos;s sound: the asset&apos;s id, for the Audio tab extend this Suno clip: the audio asset&apos;s id, for the Music tab (its metadata has the clip id)</extracomment>
        <translation>只有图片可以生成视频。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="912"/>
        <source>Only images can be used as a reference.</source>
        <translation>只有图片可以用作参考图。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="935"/>
        <source>Only sounds and videos can be transcribed.</source>
        <translation>只有音频和视频可以转写。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="946"/>
        <source>Only songs made with Suno can be extended.</source>
        <translation>只有 Suno 生成的歌曲可以续写。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="998"/>
        <source>Only pictures and videos can be re-run.</source>
        <translation>只有图片和视频可以重新生成。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="1000"/>
        <source>This picture has no prompt to re-run.</source>
        <translation>这张图片没有可用于重新生成的提示词。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="1076"/>
        <source>{0} × {1} px · {2}</source>
        <translation>{0} × {1} 像素 · {2}</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="1110"/>
        <location filename="../../studio/viewmodels/gallery.py" line="1150"/>
        <source>This item is no longer in the gallery.</source>
        <translation>该项目已不在图库中。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="1113"/>
        <source>The folder {0} does not exist.</source>
        <translation>文件夹 {0} 不存在。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="1115"/>
        <source>The file {0} is missing; it may have been moved or deleted.</source>
        <translation>找不到文件 {0}，它可能已被移动或删除。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="1118"/>
        <source>{0} already exists; choose another name.</source>
        <translation>{0} 已存在，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/gallery.py" line="1134"/>
        <source>The copy could not be written to {0} ({1}).</source>
        <translation>无法将副本写入 {0}（{1}）。</translation>
    </message>
</context>
<context>
    <name>ImageTab</name>
    <message>
        <location filename="../../studio/views/image_tab.py" line="237"/>
        <source>Describe the image (Ctrl+Enter to generate)</source>
        <extracomment>a reference&apos;s ✕ was pressed (its path) the user wants to see an image large (path)</extracomment>
        <translation>描述图片（Ctrl+Enter 生成）</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="240"/>
        <location filename="../../studio/views/image_tab.py" line="245"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="245"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="245"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="246"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="246"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="246"/>
        <source>HD</source>
        <translation>高清</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="255"/>
        <source>Midjourney speed mode</source>
        <translation>Midjourney 速度模式</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="256"/>
        <source>Relay default</source>
        <translation>中转站默认</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="257"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="258"/>
        <source>Relax</source>
        <translation>慢速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="259"/>
        <source>Turbo</source>
        <translation>极速</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="261"/>
        <source>Add images…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="262"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="263"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="266"/>
        <source>Midjourney tools</source>
        <translation>Midjourney 工具</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="270"/>
        <source>Describe the first reference</source>
        <translation>描述第一张参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="271"/>
        <source>Four prompts for the first reference image</source>
        <translation>为第一张参考图生成四条提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="272"/>
        <source>Blend the references</source>
        <translation>混合参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="272"/>
        <source>Blend 2 to 5 reference images</source>
        <translation>混合 2 到 5 张参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="273"/>
        <source>Shorten the prompt</source>
        <translation>精简提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="273"/>
        <source>Shorter versions of the prompt</source>
        <translation>提示词的精简版本</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="274"/>
        <source>Swap face</source>
        <translation>换脸</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="274"/>
        <source>The face of the first reference onto the second</source>
        <translation>把第一张参考图的脸换到第二张上</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="283"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="289"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="290"/>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="291"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="533"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="534"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="601"/>
        <source>Upscale</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="601"/>
        <source>Vary</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="601"/>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="602"/>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="603"/>
        <source>A larger version of this picture</source>
        <translation>这张图片的放大版本</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="604"/>
        <source>Variations of this picture, or of a region you paint</source>
        <translation>这张图片或你涂抹区域的变体</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="605"/>
        <source>Zoom out: more of the scene around this picture</source>
        <translation>拉远：显示图片周围更多的场景</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="606"/>
        <source>Extend the picture to one side</source>
        <translation>向一侧扩展图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="630"/>
        <source>Upscale picture {0}</source>
        <translation>放大第 {0} 张</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="630"/>
        <source>Variations of picture {0}</source>
        <translation>第 {0} 张的变体</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="633"/>
        <source>Reroll: a new grid from the same prompt</source>
        <translation>重新生成：用相同提示词生成新的四宫格</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="639"/>
        <source>A Midjourney action the relay shows as {0}</source>
        <translation>中转站显示为 {0} 的 Midjourney 操作</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="644"/>
        <source>← Pan left</source>
        <translation>← 向左平移</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="644"/>
        <source>→ Pan right</source>
        <translation>→ 向右平移</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="646"/>
        <source>Custom Zoom…</source>
        <translation>自定义缩放…</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="284"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="298"/>
        <source>Reference images — drop files or gallery pictures here; with a mask they are edited, with Midjourney they guide the grid.</source>
        <translation>参考图——把文件或图库中的图片拖到这里；配合蒙版时会被编辑，配合 Midjourney 时用来引导四宫格。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="308"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="323"/>
        <source>Results appear here. Every image is saved in the gallery.</source>
        <translation>结果会显示在这里。每张图片都会保存到图库。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="297"/>
        <location filename="../../studio/views/image_tab.py" line="421"/>
        <source>Reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="292"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="302"/>
        <source>Drop images here</source>
        <translation>将图片拖放到这里</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="372"/>
        <source>Double-click a prompt to put it in the form</source>
        <translation>双击提示词即可填入表单</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="422"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="439"/>
        <source>Prompt for this change</source>
        <translation>这次修改的提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="645"/>
        <source>Zoom Out 2x</source>
        <translation>缩小 2 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="645"/>
        <source>↑ Pan up</source>
        <translation>↑ 向上平移</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="645"/>
        <source>↓ Pan down</source>
        <translation>↓ 向下平移</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="646"/>
        <source>Zoom Out 1.5x</source>
        <translation>缩小 1.5 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="647"/>
        <source>Vary (Strong)</source>
        <translation>强变化</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="647"/>
        <source>Vary (Subtle)</source>
        <translation>弱变化</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="648"/>
        <source>Upscale 2x</source>
        <translation>放大 2 倍</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="648"/>
        <source>Vary (Region)…</source>
        <translation>局部重绘…</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_tab.py" line="649"/>
        <source>Upscale 4x</source>
        <translation>放大 4 倍</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="261"/>
        <location filename="../../studio/views/image_viewer.py" line="339"/>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="251"/>
        <source>Zoom out (−)</source>
        <extracomment>one wheel notch or one +/− press neighbours decoded ahead (one each way) ... ... when they are no larger than this (a decoded picture takes 4 bytes a pixel) tokens of decodes a viewer still waits for: one queued behind others and no longer wanted (the user went on to the next picture, or closed the viewer) is skipped instead of decoding a large file for nothing the neighbour is not a picture: (asset id, path, kind) for the Gallery tab to open in its viewer pictures decoded ahead (the gallery&apos;s neighbours) and the decodes of those still running</extracomment>
        <translation>缩小 (−)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="252"/>
        <source>Zoom in (+)</source>
        <translation>放大 (+)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="253"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="254"/>
        <source>Fit to the window (0)</source>
        <translation>适应窗口 (0)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="255"/>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="256"/>
        <source>Actual size (1)</source>
        <translation>实际大小 (1)</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="257"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="258"/>
        <source>Put the picture on the clipboard (Ctrl+C)</source>
        <translation>将图片复制到剪贴板（Ctrl+C）</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="259"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="407"/>
        <source>The file {0} is missing; it may have been moved or deleted.</source>
        <translation>文件 {0} 不存在，可能已被移动或删除。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="409"/>
        <source>{0} cannot be shown: it is not an image this app can read ({1}).</source>
        <translation>无法显示 {0}：这不是本应用能读取的图片（{1}）。</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="410"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="478"/>
        <source>{0} × {1} px · {2} %</source>
        <translation>{0} × {1} 像素 · {2} %</translation>
    </message>
    <message>
        <location filename="../../studio/views/image_viewer.py" line="489"/>
        <source>Image copied</source>
        <translation>已复制图片</translation>
    </message>
</context>
<context>
    <name>JobListModel</name>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="161"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="161"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="161"/>
        <source>Prompt</source>
        <extracomment>what the retry action does: retry a failed or cancelled job, submit an unknown one again, or download a link-only result now None when the job cannot be retried the result is kept only as web links, which can be opened cancelling discards a job the relay may have run (and charged): labelled so, and asked first the job saved its results into the gallery, where they can be shown the job can be opened in its tab and its prompt copied (any job)</extracomment>
        <translation>提示词</translation>
    </message>
</context>
<context>
    <name>JobNotes</name>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="138"/>
        <source>Downloading: {0} of {1} MB ({2} %)</source>
        <extracomment>the runner&apos;s notes (studio/jobs/runner.py, studio/jobs/downloads.py) by shape, with their source text and the code (with its argument names, in order) the runner describes them by (studio/errors.py `ErrorInfo`)</extracomment>
        <translation>正在下载：{0} / {1} MB（{2} %）</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="140"/>
        <source>Downloading: {0} MB</source>
        <translation>正在下载：{0} MB</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="142"/>
        <source>The download of a result broke off; it will resume where it stopped.</source>
        <translation>结果下载中断，将从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="144"/>
        <source>The result link answered HTTP {0}; it may have expired.</source>
        <translation>结果链接返回 HTTP {0}，可能已过期。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="146"/>
        <source>The result link returned a web page instead of the file.</source>
        <translation>结果链接返回的是网页而不是文件。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="149"/>
        <source>The download stopped at {0} of {1} bytes; it will resume where it stopped.</source>
        <translation>下载在 {0} / {1} 字节处停止，将从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/families.py" line="151"/>
        <source>The result could not be downloaded.</source>
        <translation>无法下载结果。</translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="73"/>
        <source>Saved</source>
        <extracomment>0-100 while a job runs and reports progress, else -1 (the panel draws a bar) how the state looks: one of TONES (the panel colours its chip by it) a job that ran at least this long and settles while the window is not focused counts as unseen news the size of the gallery thumbnail a job&apos;s row shows (scaled down; the gallery&apos;s own cached size) seconds between looks for jobs another process left unfinished, before the runner is built</extracomment>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="74"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="75"/>
        <source>Unknown — may have been sent</source>
        <translation>未知——可能已发送</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="76"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="77"/>
        <source>Running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="78"/>
        <source>Stalled</source>
        <translation>长时间无进展</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="79"/>
        <source>Saving</source>
        <translation>保存中</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="80"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="81"/>
        <source>Done — link only</source>
        <translation>完成——仅有链接</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="82"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="83"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="90"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="91"/>
        <source>Link only</source>
        <translation>仅链接</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="352"/>
        <source>No jobs yet. Images, videos and songs you generate appear here while they run, and survive a restart.</source>
        <translation>还没有任务。生成的图片、视频和歌曲会在运行时显示在这里，重启后也不会丢失。</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="354"/>
        <location filename="../../studio/views/jobs_panel.py" line="411"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="355"/>
        <location filename="../../studio/views/jobs_panel.py" line="408"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="356"/>
        <location filename="../../studio/views/jobs_panel.py" line="436"/>
        <source>Keep waiting</source>
        <translation>继续等待</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="357"/>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="317"/>
        <source>Jobs ({0} new)</source>
        <extracomment>the hue of each chip tone; mixed with the palette&apos;s base colour so the chip reads in light and dark thumbnails kept decoded (the panel lists the recent jobs) the prompt column at the panel&apos;s narrowest, its thumbnail included: about 20 letters or 10 Chinese characters the panel&apos;s own margin (docs/UI.md) what stands in a row&apos;s thumbnail until its result is there (a running job, a failed one): its kind the user opened a job (double-click, or Open in its menu): its id the user asked to see a job&apos;s result in the gallery: the asset id the dock&apos;s title with the count of jobs that finished while the window was away (&quot;Jobs (2)&quot;)</extracomment>
        <translation>任务（{0} 个新）</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="317"/>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="407"/>
        <source>Submit again</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="408"/>
        <source>Download now</source>
        <translation>立即下载</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="411"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="418"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="422"/>
        <source>Show in gallery</source>
        <translation>在图库中显示</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="426"/>
        <source>Copy prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="479"/>
        <source>Discard job</source>
        <translation>丢弃任务</translation>
    </message>
    <message>
        <location filename="../../studio/views/jobs_panel.py" line="480"/>
        <source>The relay may have run this job and charged for it. Discard it anyway?</source>
        <translation>中转站可能已经执行并扣费了这个任务。仍要丢弃吗？</translation>
    </message>
</context>
<context>
    <name>JobsViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="429"/>
        <source>image</source>
        <extracomment>a job changed (state, progress, note); carries its id a job saved a file into the gallery; carries the asset id a note about a running job (a retried download, a network hiccup): job id, sentence a picture of a job&apos;s work in progress is available: job id, link the PNG thumbnail of a job&apos;s first result was read (off the UI thread): job id, bytes how many jobs finished or failed while the window was not focused (0 once seen) a job that ran a while settled while the window was not focused: job id, whether it succeeded a job this window followed settled (done, failed, cancelled or in doubt): its id (the balance moved)</extracomment>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="429"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="430"/>
        <source>song</source>
        <translation>歌曲</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="430"/>
        <source>job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="434"/>
        <source>Your {0} is ready</source>
        <translation>你的{0}已完成</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/jobs.py" line="435"/>
        <source>Your {0} failed</source>
        <translation>你的{0}失败了</translation>
    </message>
</context>
<context>
    <name>LinesTable</name>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="198"/>
        <source>Time</source>
        <extracomment>a line was clicked (its index) a line&apos;s words were edited: index, text</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="198"/>
        <source>Line</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="208"/>
        <source>Click a line to play from there; double-click it to correct its words</source>
        <translation>单击一行从那里开始播放；双击可修改文字</translation>
    </message>
</context>
<context>
    <name>MainViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="97"/>
        <source>Balance: checking…</source>
        <extracomment>(profile name or &quot;&quot;, balance text or &quot;&quot;) for the status bar the user chose a language (&quot;&quot; follows the system): applies now, and is saved for the next start the user chose a theme (&quot;system&quot;, &quot;light&quot;, &quot;dark&quot;): applies now, and is saved</extracomment>
        <translation>余额：查询中…</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="110"/>
        <source>Balance: unavailable</source>
        <translation>余额：无法获取</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="112"/>
        <source>Balance: unlimited</source>
        <translation>余额：无限</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="114"/>
        <source>Balance: unknown</source>
        <translation>余额：未知</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/main.py" line="118"/>
        <source>Balance: {0} {1}</source>
        <translation>余额：{0} {1}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/views/main_window.py" line="175"/>
        <location filename="../../studio/views/main_window.py" line="515"/>
        <location filename="../../studio/views/main_window.py" line="545"/>
        <location filename="../../studio/views/main_window.py" line="693"/>
        <source>Relay Studio</source>
        <translation>Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="194"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="197"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="200"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="203"/>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="206"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="209"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="394"/>
        <location filename="../../studio/views/main_window.py" line="523"/>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="423"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="424"/>
        <source>Relay &amp;profiles…</source>
        <translation>中转站配置(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="428"/>
        <source>&amp;Gallery</source>
        <translation>图库(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="433"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="438"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="440"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="442"/>
        <location filename="../../studio/views/main_window.py" line="446"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="442"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="443"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="444"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="448"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="449"/>
        <source>&amp;About Relay Studio</source>
        <translation>关于 Relay Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="453"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="660"/>
        <source>Profile: {0}</source>
        <translation>配置：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="662"/>
        <source>No relay profile</source>
        <translation>没有中转站配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="672"/>
        <source>About Relay Studio</source>
        <translation>关于 Relay Studio</translation>
    </message>
    <message>
        <location filename="../../studio/views/main_window.py" line="669"/>
        <source>Relay Studio {0}
A studio for chat, images, video, music and audio through AI relays.</source>
        <translation>Relay Studio {0}
通过 AI 中转站进行对话、图片、视频、音乐和音频创作的工作室。</translation>
    </message>
</context>
<context>
    <name>MaskCanvas</name>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="78"/>
        <source>Loading the picture…</source>
        <translation>正在载入图片…</translation>
    </message>
</context>
<context>
    <name>MaskPainter</name>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="118"/>
        <source>Vary (Region)</source>
        <translation>局部重绘</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="123"/>
        <source>Paint over the part of the picture to redo, then say what should be there.</source>
        <translation>涂抹需要重画的区域，然后写下那里应该是什么。</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="130"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="134"/>
        <source>What should be in the painted region</source>
        <translation>涂抹区域里应该出现什么</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="142"/>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="156"/>
        <source>The picture cannot be read.</source>
        <translation>无法读取这张图片。</translation>
    </message>
    <message>
        <location filename="../../studio/views/mask_painter.py" line="164"/>
        <source>Paint the region to change first.</source>
        <translation>请先涂抹要修改的区域。</translation>
    </message>
</context>
<context>
    <name>MediaPlayer</name>
    <message>
        <location filename="../../studio/views/player.py" line="315"/>
        <source>Videos cannot be played inside the studio because VLC&apos;s library is not installed.</source>
        <extracomment>how often the widget asks libvlc where it is (ms): smooth enough for a seek bar, cheap for the CPU how far (s) the position runs on by the wall clock past libvlc&apos;s last reported time a step back (s) smaller than this is libvlc&apos;s clock catching up with ours, not a seek how long (s) a seek may take to show in libvlc&apos;s time, and how far a time before it may lie libvlc&apos;s command line for the app&apos;s one instance: no console chatter, no file name drawn on the video the platforms whose native window id libvlc can draw into the longest side of the poster a player makes itself (a frame near 1 s, decoded by PyAV) the state of a player whose file waits for libvlc to start</extracomment>
        <translation>未安装 VLC 播放库，无法在工作室内播放视频。</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="319"/>
        <source>Open with the system player</source>
        <translation>用系统播放器打开</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="341"/>
        <location filename="../../studio/views/player.py" line="732"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="346"/>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="359"/>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="366"/>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="369"/>
        <source>Play again from the start at the end</source>
        <translation>播放结束后从头再播</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="490"/>
        <source>The file {0} is missing; it may have been moved or deleted.</source>
        <translation>找不到文件 {0}，它可能已被移动或删除。</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="497"/>
        <source>The picture cannot be shown on this display ({0}); only the sound plays.</source>
        <translation>当前显示环境（{0}）无法显示画面，只播放声音。</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="515"/>
        <location filename="../../studio/views/player.py" line="522"/>
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="720"/>
        <source>{0} cannot be played: VLC could not read it.</source>
        <translation>无法播放 {0}：VLC 无法读取它。</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="732"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../studio/views/player.py" line="751"/>
        <location filename="../../studio/views/player.py" line="762"/>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>MediaViewer</name>
    <message>
        <location filename="../../studio/views/media_viewer.py" line="112"/>
        <source>Close</source>
        <extracomment>the longest side of a song&apos;s cover in the player the neighbour is a picture: (asset id, path, kind) for the Gallery tab to open in the image viewer</extracomment>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/views/media_viewer.py" line="113"/>
        <source>Play the song</source>
        <translation>播放歌曲</translation>
    </message>
    <message>
        <location filename="../../studio/views/media_viewer.py" line="113"/>
        <source>Play its video</source>
        <translation>播放它的视频</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <location filename="../../studio/views/transcript.py" line="655"/>
        <source>Copy</source>
        <extracomment>(action, message id): &quot;copy&quot; | &quot;edit&quot; | &quot;regenerate&quot;</extracomment>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="655"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="655"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
</context>
<context>
    <name>MusicTab</name>
    <message>
        <location filename="../../studio/views/music_tab.py" line="240"/>
        <source>Describe it</source>
        <translation>描述歌曲</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="242"/>
        <source>A line about the song; Suno writes the words and the music</source>
        <translation>用一句话描述歌曲；Suno 会写词并作曲</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="243"/>
        <source>Write the lyrics</source>
        <translation>自己写词</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="245"/>
        <source>Your lyrics, style and title</source>
        <translation>你的歌词、风格和标题</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="260"/>
        <source>An upbeat song about a rainy Monday</source>
        <translation>一首关于下雨的星期一的欢快歌曲</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="264"/>
        <source>What is the song about?</source>
        <translation>这首歌讲的是什么？</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="272"/>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="275"/>
        <source>dream pop, female vocals</source>
        <translation>梦幻流行，女声</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="278"/>
        <source>What the lyrics are about</source>
        <translation>歌词的主题</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="279"/>
        <location filename="../../studio/views/music_tab.py" line="588"/>
        <source>Write lyrics for me</source>
        <translation>帮我写词</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="281"/>
        <source>Suno writes lyrics about this idea into the editor</source>
        <translation>Suno 根据这个想法写词并填入编辑器</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="284"/>
        <source>[Verse]
Your lyrics here…

[Chorus]
…</source>
        <translation>[Verse]
在这里写歌词…

[Chorus]
…</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="289"/>
        <source>Suno&apos;s lyrics are ready.</source>
        <translation>Suno 写的歌词已就绪。</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="291"/>
        <source>Replace mine</source>
        <translation>替换我的歌词</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="293"/>
        <source>Put Suno&apos;s lyrics in the editor (Ctrl+Z brings yours back)</source>
        <translation>把 Suno 的歌词填入编辑器（按 Ctrl+Z 可恢复你的歌词）</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="294"/>
        <source>Keep mine</source>
        <translation>保留我的歌词</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="296"/>
        <source>Leave the editor as it is (Suno&apos;s lyrics stay in the Jobs panel)</source>
        <translation>编辑器保持不变（Suno 的歌词仍在任务面板中）</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="310"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="312"/>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="320"/>
        <source>Lyrics</source>
        <translation>歌词</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="327"/>
        <source>Instrumental (no singing)</source>
        <translation>纯音乐（无人声）</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="331"/>
        <source>The model version the song is made with</source>
        <translation>生成歌曲所用的模型版本</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="342"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="343"/>
        <source>The second of the song the continuation starts from</source>
        <translation>从歌曲的第几秒开始续写</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="347"/>
        <source>Make a new song instead</source>
        <translation>改为生成新歌</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="359"/>
        <location filename="../../studio/views/music_tab.py" line="649"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="365"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="366"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="369"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="387"/>
        <source>Suno makes two songs at a time; each appears here as soon as it is saved (every song is kept in the gallery).</source>
        <translation>Suno 每次生成两首歌；每首保存后立即出现在这里（所有歌曲都保存在图库中）。</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="407"/>
        <source>No songs yet</source>
        <translation>还没有歌曲</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="429"/>
        <source>Extend from here</source>
        <translation>从这里续写</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="431"/>
        <source>Continue the song playing from the player&apos;s position</source>
        <translation>从播放器当前位置续写正在播放的歌曲</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="433"/>
        <source>Re-run</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="435"/>
        <source>Put this job&apos;s settings back in the form, to change and send again</source>
        <translation>把这个任务的设置填回表单，修改后再次发送</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="692"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="695"/>
        <source>{0} — “{1}”, continued from {2} · {3}</source>
        <translation>{0} — “{1}”，从 {2} 续写 · {3}</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="697"/>
        <source>{0} — “{1}” · {2}</source>
        <translation>{0} — “{1}” · {2}</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="588"/>
        <source>Writing…</source>
        <translation>正在写词…</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="605"/>
        <source>{0} of {1} characters</source>
        <translation>{0} / {1} 个字符</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="617"/>
        <source>The model&apos;s ({0})</source>
        <translation>模型默认（{0}）</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="619"/>
        <source>The model&apos;s</source>
        <translation>模型默认</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="632"/>
        <source>Sent as: {0}</source>
        <translation>发送格式：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="641"/>
        <source>Sent through the profile “{0}”, as the re-run job was.</source>
        <translation>与被重新运行的任务一样，通过配置“{0}”发送。</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="649"/>
        <source>Extend</source>
        <translation>续写</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="654"/>
        <source>Continues take {0} of “{1}” from</source>
        <translation>续写“{1}”的第 {0} 首，起点</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="656"/>
        <source>Continues “{0}” from</source>
        <translation>续写“{0}”，起点</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="689"/>
        <source>Lyrics written — they are in the lyrics editor.</source>
        <translation>歌词已写好，已填入歌词编辑器。</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="690"/>
        <source>{0} — lyrics</source>
        <translation>{0} — 歌词</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/views/music_tab.py" line="720"/>
        <source>%n more song(s) on the way…</source>
        <translation>
            <numerusform>还有 %n 首歌正在生成…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="723"/>
        <source>A song failed: {0}</source>
        <translation>一首歌生成失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="723"/>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="729"/>
        <source>Lyrics jobs make no songs; the words go into the lyrics editor.</source>
        <translation>写词任务不生成歌曲；歌词会填入歌词编辑器。</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="731"/>
        <source>No songs: the job ended without any.</source>
        <translation>没有歌曲：任务结束时没有生成任何歌曲。</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="733"/>
        <source>The songs could not be saved; the Jobs panel can download them again.</source>
        <translation>歌曲未能保存；可以在任务面板中重新下载。</translation>
    </message>
    <message>
        <location filename="../../studio/views/music_tab.py" line="734"/>
        <source>The songs are being made; each one is listed here as soon as it is ready.</source>
        <translation>正在生成歌曲；每首完成后立即列在这里。</translation>
    </message>
</context>
<context>
    <name>MusicViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="349"/>
        <source>{0} speaks the {1} format, which this version of Relay Studio cannot send yet; choose another format or model.</source>
        <extracomment>one sentence when the model&apos;s format cannot run in this build (&quot;&quot; when it can) a `FamilyView` for the model chosen a `FormCheck` of the form as it is now fill the form: {field of MusicForm: value} (a re-run, a job reopened, an extension prefilled) Suno wrote lyrics for the form: title, lyrics (put in the editor) Suno&apos;s lyrics came while the editor held words the user changed since asking: title, lyrics (the view asks before replacing anything) True while a &quot;Write lyrics for me&quot; job runs the clip the next song continues (an `ExtendSource`), or None the dialect override saved for the current model (&quot;&quot; = decided by the table) the profile new jobs go to, kept from a re-run job (&quot;&quot; = the profile routed for music)</extracomment>
        <translation>{0} 使用 {1} 格式，此版本的 Relay Studio 还不能发送；请选择其他格式或模型。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="384"/>
        <source>Describe the song first: the description is empty.</source>
        <translation>请先描述歌曲：描述是空的。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="386"/>
        <source>Write the words that come next, or tick Instrumental for a continuation without words.</source>
        <translation>请写出接下来的歌词，或勾选“纯音乐”续写无人声的部分。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="388"/>
        <source>Write the lyrics first, or tick Instrumental for a song without words.</source>
        <translation>请先写歌词，或勾选“纯音乐”生成无人声的歌曲。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="390"/>
        <source>Give the instrumental a style or a title.</source>
        <translation>请给纯音乐填写风格或标题。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="392"/>
        <source>Udio needs the song&apos;s style beside its lyrics: fill in Style.</source>
        <translation>Udio 需要在歌词之外提供歌曲风格：请填写“风格”。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="394"/>
        <source>An instrumental has no lyrics: clear the lyrics or untick Instrumental.</source>
        <translation>纯音乐没有歌词：请清空歌词，或取消勾选“纯音乐”。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="397"/>
        <source>The lyrics are {0} characters long; model version {1} takes at most {2}.</source>
        <translation>歌词长 {0} 个字符；模型版本 {1} 最多接受 {2} 个。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="400"/>
        <source>The lyrics are {0} characters long; {1} takes at most {2}.</source>
        <translation>歌词长 {0} 个字符；{1} 最多接受 {2} 个。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="480"/>
        <source>Say what the song is about first, and Suno writes its lyrics.</source>
        <translation>请先说明歌曲的主题，Suno 会据此写词。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="517"/>
        <source>Suno wrote no lyrics this time; try again.</source>
        <translation>Suno 这次没有写出歌词；请重试。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="559"/>
        <source>Only a song can be extended.</source>
        <translation>只有歌曲可以续写。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="561"/>
        <source>Only songs Suno made can be extended.</source>
        <translation>只有 Suno 生成的歌曲可以续写。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="563"/>
        <source>This song was not made by a relay task this library knows, so it cannot be extended.</source>
        <translation>这首歌不是由本图库所知的中转站任务生成的，因此不能续写。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="568"/>
        <source>The relay gave no clip id for this song, so it cannot be extended.</source>
        <translation>中转站没有给出这首歌的片段 ID，因此不能续写。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="572"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/music.py" line="620"/>
        <location filename="../../studio/viewmodels/music.py" line="660"/>
        <source>That job did not make music; it cannot be re-run here.</source>
        <translation>那个任务不是音乐任务，不能在这里重新运行。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../studio/views/first_start.py" line="299"/>
        <source>Unlock your API keys</source>
        <translation>解锁你的 API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="301"/>
        <source>Your relay keys are kept in an encrypted file on this computer. Enter its passphrase to use them until the studio quits.</source>
        <translation>你的中转站密钥保存在这台电脑上的加密文件中。输入口令即可在本次运行期间使用它们。</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="307"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="315"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../studio/views/first_start.py" line="318"/>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
</context>
<context>
    <name>PlaceholderTab</name>
    <message>
        <location filename="../../studio/views/main_window.py" line="61"/>
        <source>Coming in a later version.</source>
        <translation>将在后续版本中推出。</translation>
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
        <location filename="../../studio/views/profiles_dialog.py" line="91"/>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="96"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="97"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="98"/>
        <source>Make default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="107"/>
        <location filename="../../studio/views/profiles_dialog.py" line="175"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="108"/>
        <source>e.g. main</source>
        <translation>例如 main</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="110"/>
        <source>OS keyring</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="112"/>
        <source>Environment variable</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="115"/>
        <source>In memory</source>
        <translation>保存在内存中</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="117"/>
        <source>The key stays in memory until the studio quits; nothing is written to disk.</source>
        <translation>密钥只保存在内存中，直到工作室退出；不写入磁盘。</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="119"/>
        <source>Encrypted file</source>
        <translation>加密文件</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="121"/>
        <source>The key is saved in a file encrypted with a passphrase, asked once each time the studio starts.</source>
        <translation>密钥保存在用口令加密的文件中，每次启动时询问一次口令。</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="138"/>
        <source>The same passphrase again</source>
        <translation>再次输入相同口令</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="140"/>
        <source>e.g. RELAY_API_KEY</source>
        <translation>例如 RELAY_API_KEY</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="141"/>
        <source>optional, e.g. http://127.0.0.1:7890</source>
        <translation>可选，例如 http://127.0.0.1:7890</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="142"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="145"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="157"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="158"/>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="159"/>
        <source>Key source</source>
        <translation>密钥来源</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="160"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="161"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="162"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="163"/>
        <source>Env var name</source>
        <translation>环境变量名</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="164"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="172"/>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="175"/>
        <source>Capability</source>
        <translation>功能</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="175"/>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="193"/>
        <location filename="../../studio/views/profiles_dialog.py" line="472"/>
        <source>Default profile</source>
        <translation>默认配置</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="197"/>
        <source>any (chosen per request)</source>
        <translation>任意（每次请求时选择）</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="210"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="211"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="212"/>
        <source>Midjourney</source>
        <translation>Midjourney</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="213"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="214"/>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="215"/>
        <source>Transcription</source>
        <translation>转写</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="216"/>
        <source>Speech</source>
        <translation>语音合成</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="244"/>
        <source>This computer has no system keyring that keeps keys safely.</source>
        <translation>这台电脑没有能安全保存密钥的系统密钥环。</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="255"/>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="389"/>
        <source>Choose a passphrase for the new key file</source>
        <translation>为新的密钥文件设置口令</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="390"/>
        <source>The key file&apos;s passphrase, asked once per run</source>
        <translation>密钥文件的口令，每次运行询问一次</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="392"/>
        <source>Stored in the keyring — leave empty to keep it</source>
        <translation>已保存在钥匙串中 — 留空则保持不变</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="393"/>
        <source>Kept in memory until the studio quits — leave empty to keep it</source>
        <translation>保存在内存中直到工作室退出——留空则保留现有密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="394"/>
        <source>Stored in the encrypted file — leave empty to keep it</source>
        <translation>保存在加密文件中——留空则保留现有密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="399"/>
        <source>Paste the relay&apos;s API key</source>
        <translation>粘贴中转站的 API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="405"/>
        <source>The two passphrases differ; type the same one twice.</source>
        <translation>两次输入的口令不一致，请输入相同的口令。</translation>
    </message>
    <message>
        <location filename="../../studio/views/profiles_dialog.py" line="425"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
</context>
<context>
    <name>ProfilesViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="153"/>
        <source>The profile {name} no longer exists.</source>
        <extracomment>list[ProfileItem], oldest first list[RouteItem], one per capability in `CAPABILITIES` order (profile name, one sentence): the outcome of `testConnection`, success or error (profile name, True when connected), emitted just before `testResult` so the view can colour it profile name, after `save` stored it (the view clears the key field then) (an OS keyring can keep keys here, the encrypted key file exists): the answer to `checkKeyStores` (connected, one sentence): the outcome of `testDraft` the outcome of `unlock`: &quot;&quot; when the key file opened, else one sentence</extracomment>
        <translation>配置 {name} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="156"/>
        <source>There is already a profile named {name}; choose another name.</source>
        <translation>已存在名为 {name} 的配置，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="159"/>
        <source>Give either an API key or an environment variable, not both.</source>
        <translation>请只填写 API 密钥或环境变量其中之一。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="183"/>
        <source>Enter the API key, or choose “Environment variable” and give the name of the variable that holds it.</source>
        <translation>请输入 API 密钥，或选择“环境变量”并填写保存密钥的变量名。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="262"/>
        <source>Enter the relay&apos;s base URL and your API key first.</source>
        <translation>请先输入中转站的接口地址和 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="302"/>
        <source>Enter the relay&apos;s base URL.</source>
        <translation>请输入中转站的接口地址。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="304"/>
        <source>Enter your API key.</source>
        <translation>请输入 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="207"/>
        <source>The system keyring cannot keep the API key here; keep it “In memory” or in an “Encrypted file”, or choose “Environment variable” and give the name of a variable that holds it.</source>
        <translation>系统密钥环无法在这里保存 API 密钥；请选择“保存在内存中”或“加密文件”，或选择“环境变量”并填写保存密钥的变量名。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="317"/>
        <source>The system keyring refused the key; keep it in memory or in an encrypted file instead.</source>
        <translation>系统密钥环拒绝保存密钥；请改为保存在内存中或加密文件中。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="335"/>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="339"/>
        <source>That passphrase does not open the key file; try again.</source>
        <translation>这个口令无法打开密钥文件，请重试。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="342"/>
        <source>The encrypted key file cannot be opened or written.</source>
        <translation>无法打开或写入加密密钥文件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/viewmodels/profiles.py" line="375"/>
        <source>Connected: %n models; {balance}.</source>
        <translation>
            <numerusform>已连接：%n 个模型；{balance}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="383"/>
        <source>unlimited balance</source>
        <translation>余额无限</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="385"/>
        <source>balance unknown</source>
        <translation>余额未知</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="387"/>
        <source>balance {amount} {unit} remaining</source>
        <translation>余额剩余 {amount} {unit}</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/profiles.py" line="399"/>
        <source>Unknown capability {name}.</source>
        <translation>未知功能 {name}。</translation>
    </message>
</context>
<context>
    <name>ReferenceThumb</name>
    <message>
        <location filename="../../studio/views/image_tab.py" line="98"/>
        <source>Remove this reference image</source>
        <translation>移除这张参考图</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../studio/views/transcript.py" line="365"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="365"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="395"/>
        <source>Hide thinking</source>
        <translation>隐藏思考过程</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="398"/>
        <source>Show thinking ({0} characters)</source>
        <translation>显示思考过程（{0} 个字符）</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="443"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="447"/>
        <source>{0} in · {1} out tokens</source>
        <translation>输入 {0} · 输出 {1} tokens</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="586"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../studio/views/transcript.py" line="201"/>
        <location filename="../../studio/views/transcript.py" line="260"/>
        <location filename="../../studio/views/transcript.py" line="383"/>
        <source>Copy</source>
        <extracomment>an open tail longer than this is shown as plain text, appended incrementally, until it finishes the widest the text runs (pixels, margins included); a wider window centres it characters that can change how markdown renders; a plain tail without them is already exact an action link under a message was clicked: (&quot;edit&quot; | &quot;regenerate&quot;, message id) a version arrow under the last reply was clicked: (message id, version to show, 0-based) rendered replies by (id, dark, content hash): reopening a conversation skips markdown</extracomment>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>VideoTab</name>
    <message>
        <location filename="../../studio/views/video_tab.py" line="255"/>
        <source>Describe the video (Ctrl+Enter to generate)</source>
        <translation>描述你想要的视频（Ctrl+Enter 生成）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="258"/>
        <location filename="../../studio/views/video_tab.py" line="442"/>
        <source>Start frame</source>
        <translation>首帧</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="260"/>
        <location filename="../../studio/views/video_tab.py" line="442"/>
        <source>End frame</source>
        <translation>尾帧</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="274"/>
        <location filename="../../studio/views/video_tab.py" line="455"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="274"/>
        <location filename="../../studio/views/video_tab.py" line="455"/>
        <source>Professional</source>
        <translation>专业</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="281"/>
        <location filename="../../studio/views/video_tab.py" line="485"/>
        <source>Relay default</source>
        <translation>中转站默认</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="283"/>
        <source>How closely the video follows the prompt, from 0 to 1</source>
        <translation>视频贴合提示词的程度，0 到 1</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="286"/>
        <source>What the video should not show</source>
        <translation>视频中不应出现的内容</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="287"/>
        <source>Loop the video (the end joins the start)</source>
        <translation>循环视频（结尾与开头相接）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="290"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="296"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="297"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="304"/>
        <source>Length (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="304"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="304"/>
        <source>Aspect ratio</source>
        <translation>画面比例</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="305"/>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="305"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="305"/>
        <source>Prompt strength</source>
        <translation>提示词强度</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="306"/>
        <source>Avoid</source>
        <translation>避免</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="312"/>
        <source>This model takes no further options.</source>
        <translation>此模型没有其他选项。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="321"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="332"/>
        <source>The video appears here and plays once it is ready. Every video is saved in the gallery.</source>
        <translation>视频生成后会在这里播放，每个视频都会保存到图库。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="348"/>
        <source>No video yet</source>
        <translation>还没有视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="356"/>
        <source>A new video from this one, changed as the prompt says</source>
        <translation>按提示词修改，基于此视频生成新视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="357"/>
        <source>Continue this video, as the prompt says</source>
        <translation>按提示词续写此视频</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="358"/>
        <source>This video at a higher resolution</source>
        <translation>生成此视频的高清版本</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="359"/>
        <source>Remix</source>
        <translation>改编</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="359"/>
        <source>Extend</source>
        <translation>延长</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="360"/>
        <source>Upscale</source>
        <translation>高清化</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="381"/>
        <source>Chat format</source>
        <translation>对话格式</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="381"/>
        <source>Videos API (/v1/videos)</source>
        <translation>视频 API（/v1/videos）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="382"/>
        <source>Video generations (/v1/video/generations)</source>
        <translation>通用视频生成（/v1/video/generations）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="383"/>
        <source>Custom video (/custom_video)</source>
        <translation>自定义视频（/custom_video）</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="443"/>
        <source>Pictures (*.png *.jpg *.jpeg *.webp *.heic)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.heic)</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="478"/>
        <source>Sent through the profile “{0}”, as the re-run job was.</source>
        <translation>与被重新生成的任务一样，通过配置“{0}”发送。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="497"/>
        <source>Sent as: {0}</source>
        <translation>发送方式：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="515"/>
        <source>This model takes no start frame; remove the picture.</source>
        <translation>此模型不接受首帧，请移除图片。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="516"/>
        <source>This model takes no end frame; remove the picture.</source>
        <translation>此模型不接受尾帧，请移除图片。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="573"/>
        <source>{0} — {1} · {2}</source>
        <translation>{0} — {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="580"/>
        <source>No video: the job ended without one.</source>
        <translation>没有视频：任务结束时未返回视频。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="582"/>
        <source>The video could not be saved; the Jobs panel can download it again.</source>
        <translation>视频未能保存；可在任务面板中重新下载。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="584"/>
        <source>The model answered with a picture instead of a video; it is in the gallery.</source>
        <translation>模型返回的是图片而不是视频，已保存到图库。</translation>
    </message>
    <message>
        <location filename="../../studio/views/video_tab.py" line="587"/>
        <source>The video is being made; it plays here once it is ready.</source>
        <translation>视频正在生成，完成后会在这里播放。</translation>
    </message>
</context>
<context>
    <name>VideoViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="224"/>
        <source>{0} speaks the {1} format, which this version of Relay Studio cannot send yet; choose another format or model.</source>
        <extracomment>the form&apos;s option fields, in the order the form shows them (`FamilySpec.options` names) what may be done with a finished video, where its family takes it the two frame slots one sentence when the model&apos;s family cannot run in this build (&quot;&quot; when it can) what may be done with the finished video (of SOURCE_ACTIONS, where its family takes them) pictures the job saved instead of (or besides) a video (chat-format models sometimes answer so) an `OptionsView` for the model chosen a frame slot changed: slot (&quot;start&quot; / &quot;end&quot;), its `Frame` or None when emptied fill the form (re-run): prompt, {option: value} of the job&apos;s request the dialect override saved for the current model (&quot;&quot; = decided by the table) the profile new jobs go to, kept from a re-run job (&quot;&quot; = the profile routed for video)</extracomment>
        <translation>{0} 使用 {1} 格式，当前版本的 Relay Studio 还无法发送；请选择其他格式或模型。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="256"/>
        <source>This {0} is not a picture; a frame must be a picture.</source>
        <translation>这个{0}不是图片；首尾帧必须是图片。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="261"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="261"/>
        <source>sound</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="261"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="284"/>
        <source>Describe the video first: the prompt is empty.</source>
        <translation>请先描述视频：提示词为空。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="307"/>
        <source>The video of this job is no longer in the gallery.</source>
        <translation>这个任务的视频已不在图库中。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="309"/>
        <source>Say what should change in the prompt first: it is empty.</source>
        <translation>请先在提示词中说明要修改什么：提示词为空。</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/video.py" line="330"/>
        <source>That job did not make a video; it cannot be re-run here.</source>
        <translation>该任务没有生成视频，无法在这里重新生成。</translation>
    </message>
</context>
<context>
    <name>ViewModel</name>
    <message>
        <location filename="../../studio/viewmodels/base.py" line="46"/>
        <source>Something went wrong inside Relay Studio; the details are in the log file.</source>
        <translation>Relay Studio 内部出错，详情请查看日志文件。</translation>
    </message>
</context>
<context>
    <name>self.lines</name>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="842"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../studio/views/audio_tab.py" line="842"/>
        <source>Line</source>
        <translation>台词</translation>
    </message>
</context>
<context>
    <name>vm</name>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="703"/>
        <source>picture</source>
        <extracomment>bars in a player&apos;s waveform</extracomment>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="703"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../studio/viewmodels/audio.py" line="703"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
</context>
</TS>
