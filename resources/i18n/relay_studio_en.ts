<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AudioTab</name>
    <message numerus="yes">
        <location filename="../../studio/views/audio_tab.py" line="741"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message numerus="yes">
        <location filename="../../studio/views/gallery_tab.py" line="576"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MusicTab</name>
    <message numerus="yes">
        <location filename="../../studio/views/music_tab.py" line="720"/>
        <source>%n more song(s) on the way…</source>
        <translation>
            <numerusform>%n more song on the way…</numerusform>
            <numerusform>%n more songs on the way…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfilesViewModel</name>
    <message numerus="yes">
        <location filename="../../studio/viewmodels/profiles.py" line="375"/>
        <source>Connected: %n models; {balance}.</source>
        <translation>
            <numerusform>Connected: %n model; {balance}.</numerusform>
            <numerusform>Connected: %n models; {balance}.</numerusform>
        </translation>
    </message>
</context>
</TS>
