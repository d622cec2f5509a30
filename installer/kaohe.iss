; Inno Setup 6 script: the Windows installer of 考核台账 (docs/WINDOWS.md).
;
;   pyinstaller build.spec                       (makes dist\kaohe-desktop\)
;   iscc installer\kaohe.iss                     (makes dist\考核台账-<版本>-安装程序.exe)
;
; Per-user install (PrivilegesRequired=lowest): into %LOCALAPPDATA%\Programs\考核台账,
; no administrator rights needed — a clerk's PC in a county bureau rarely gives them,
; and the data file lives on the shared drive anyway. IT can install for all users
; with `安装程序.exe /ALLUSERS` (then into Program Files, with administrator rights).
;
; The uninstaller removes only what it installed: the data files, settings, log and
; backups live elsewhere (%LOCALAPPDATA%\kaohe-desktop, %APPDATA%\kaohe,
; %LOCALAPPDATA%\考核台账, %USERPROFILE%\考核台账备份, the shared drive) and are never
; touched; a portable 数据 folder inside the program folder is left in place too.
;
; Chinese wizard text: ChineseSimplified.isl is one of Inno Setup's translations. It is
; taken from the compiler's Languages folder if this Inno Setup ships it, else from
; installer\ChineseSimplified.isl, which .github/workflows/windows.yml downloads from
; the Inno Setup repository (jrsoftware/issrc, Files/Languages/Unofficial) before
; compiling. It is not kept in this repository. This file is UTF-8 with a BOM.

#define AppName "考核台账"
#define Bundle AddBackslash(SourcePath) + "..\dist\kaohe-desktop"
#ifndef AppVersion
  ; The exe's version resource, which build.spec makes from kaohe_desktop.__version__.
  #define AppVersion GetStringFileInfo(Bundle + "\kaohe-desktop.exe", "ProductVersion")
#endif

#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #error 缺少 ChineseSimplified.isl：请从 https://jrsoftware.org/files/istrans/ 下载简体中文翻译，放到 installer 文件夹（见 docs/WINDOWS.md）
#endif

[Setup]
AppId={{6F4E2A7C-3B1D-4C8E-9A55-2D7B1C0E8F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-安装程序
SetupIconFile=..\src\kaohe_desktop\resources\icons\kaohe.ico
UninstallDisplayIcon={app}\kaohe-desktop.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes
ShowLanguageDialog=no
; The program may be running from a previous install: ask to close it.
CloseApplications=yes

[Languages]
Name: "chs"; MessagesFile: "{#ChineseMessages}"

[CustomMessages]
chs.DemoShortcut=考核台账（演示数据）
chs.DesktopShortcut=在桌面创建快捷方式
chs.ShortcutsGroup=快捷方式：
chs.WindowsGuide=考核台账 Windows 说明
chs.DataKept=卸载只删除程序本身。数据文件、设置、日志和备份都保留在原处（见安装目录中的“Windows 说明”）。

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:ShortcutsGroup}"

[Files]
Source: "..\dist\kaohe-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\docs\WINDOWS.md"; DestDir: "{app}"; DestName: "Windows 说明.txt"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\kaohe-desktop.exe"
Name: "{group}\{cm:DemoShortcut}"; Filename: "{app}\kaohe-desktop.exe"; Parameters: "--demo"
Name: "{group}\{cm:WindowsGuide}"; Filename: "{app}\Windows 说明.txt"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\kaohe-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\kaohe-desktop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: nothing but the installed files is ever removed.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(CustomMessage('DataKept'), mbInformation, MB_OK);
end;
