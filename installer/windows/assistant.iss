; Inno Setup 6 script of the Windows installer of the Assistant achat numérique.
;
; NOT BUILT NOR TESTED: written on Linux, where neither PyInstaller for Windows nor Inno Setup can run.
; Build on Windows 10/11 x64 with Python 3.11 and Inno Setup 6.3+ with installer\windows\build.ps1, which
; does what build.sh does (PyInstaller, licences and SBOM with gather_licences.py, optional SignTool
; signing) and then compiles this script.
; (the spec makes two executables on Windows: assistant-achat-numerique.exe, console, for the command line,
;  and assistant-achat-numerique-fenetre.exe, windowed, for the shortcut.)
; Optional: /DSiteToml=C:\chemin\site.toml compiles a site configuration into the installer.
;
; Per-machine installation into "C:\Program Files\Assistant achat numérique" (administrator rights) by
; default; the wizard (or /CURRENTUSER on the command line) offers a per-user installation without them.
; Silent installation (deployment tools, GPO, SCCM/Intune):
;   assistant-achat-numerique-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="%TEMP%\assistant-install.log"
;   optional: /DIR="D:\Applications\Assistant" /TASKS="desktopicon"
; A file named site.toml placed beside the setup .exe (on the deployment share) is copied beside the
; application's .exe, where the application reads it (it overrides the one compiled in with /DSiteToml).
; Silent uninstallation:
;   "C:\Program Files\Assistant achat numérique\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; The uninstaller removes the program folder only; users' dossiers (%LOCALAPPDATA%\assistant-achat-numerique)
; and the machine configuration (C:\ProgramData\assistant-achat-numerique\site.toml) are kept.

#define AppName "Assistant achat numérique"
#define AppSlug "assistant-achat-numerique"
#define AppExe "assistant-achat-numerique.exe"
#define AppGuiExe "assistant-achat-numerique-fenetre.exe"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\assistant-achat-numerique"
#endif

[Setup]
; Never change AppId: it identifies the installed application for upgrades and uninstallation.
AppId={{8965E3FB-1FA5-4D03-B4F6-D982BB714750}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Équipe Assistant achat numérique
AppCopyright=Licence EUPL-1.2
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} (installateur)
VersionInfoCompany=Équipe Assistant achat numérique
LicenseFile=..\..\LICENCE.txt
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppSlug}-{#AppVersion}-setup
SetupIconFile=assistant-achat-numerique.ico
UninstallDisplayIcon={app}\{#AppGuiExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the bundle entirely (no stale libraries from the previous version)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Excludes: "licences"; Flags: ignoreversion recursesubdirs createallsubdirs
; The licences of every shipped component and the CycloneDX SBOM (written by gather_licences.py):
Source: "{#BundleDir}\licences\*"; DestDir: "{app}\licences"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#BundleDir}\licences\nomenclature.cdx.json"; DestDir: "{app}\licences"; Flags: ignoreversion
Source: "..\..\LICENCE.txt"; DestDir: "{app}"; Flags: ignoreversion
#ifdef SiteToml
Source: "{#SiteToml}"; DestDir: "{app}"; DestName: "site.toml"; Flags: ignoreversion
#endif
; site.toml beside setup.exe on the deployment share, if there is one
Source: "{src}\site.toml"; DestDir: "{app}"; DestName: "site.toml"; Flags: external skipifsourcedoesntexist ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppGuiExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppGuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppGuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the application itself put in its folder; users' dossiers (%LOCALAPPDATA%) are never removed.
Type: filesandordirs; Name: "{app}\_internal"
