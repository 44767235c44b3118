# Windows build of the Assistant achat numérique: the same steps as installer/build.sh, then Inno Setup.
#
# NOT RUN HERE: written on Linux, where neither PyInstaller for Windows nor Inno Setup can run. Run it on a
# Windows 10/11 x64 build machine with Python 3.11 (py launcher) and Inno Setup 6.3+, from the repository:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 -SignCertificate C:\cles\ministere.pfx
# Optional signing (SignTool, from the Windows SDK): the certificate is the packager's, never in the
# repository; its password is asked for, or read from $env:SIGN_PASSWORD.
[CmdletBinding()]
param(
    [string]$SignCertificate = "",
    [string]$TimestampUrl = "",
    [string]$SiteToml = ""
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

# 1. Environment: reproducible inputs, exact versions.
$env:PYTHONHASHSEED = "0"
$env:SOURCE_DATE_EPOCH = (git log -1 --format=%ct).Trim()
$env:TZ = "UTC"
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
$py = ".venv\Scripts\python.exe"
& $py -m pip install --quiet -r requirements.lock
& $py -m pip install --quiet --no-deps --no-build-isolation -e .
& $py -m pip install --quiet -r installer\requirements-dist.txt
$version = (& $py -c "import assistant; print(assistant.__version__)").Trim()

# 2. PyInstaller one-folder bundle (the spec makes the console and the windowed executables).
& $py -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\assistant.spec
$bundle = "dist\assistant-achat-numerique"

# 3. Licences and the CycloneDX SBOM, into the bundle (licences\ and licences\nomenclature.cdx.json).
New-Item -ItemType Directory -Force -Path build\licences | Out-Null
& $py installer\gather_licences.py $bundle build\licences build\nomenclature.cdx.json
if ($LASTEXITCODE -ne 0) { throw "gather_licences.py a échoué" }
Copy-Item LICENCE.txt (Join-Path $bundle "LICENCE.txt") -Force

# 4. Optional signing of the executables, before they go into the installer.
function Sign-File([string]$path) {
    if (-not $SignCertificate) { return }
    $password = $env:SIGN_PASSWORD
    if (-not $password) { $password = Read-Host "Mot de passe du certificat" }
    $arguments = @("sign", "/f", $SignCertificate, "/p", $password, "/fd", "SHA256")
    if ($TimestampUrl) { $arguments += @("/tr", $TimestampUrl, "/td", "SHA256") }
    & signtool.exe @arguments $path
    if ($LASTEXITCODE -ne 0) { throw "signature refusée pour $path" }
}
Sign-File (Join-Path $bundle "assistant-achat-numerique.exe")
Sign-File (Join-Path $bundle "assistant-achat-numerique-fenetre.exe")

# 5. Inno Setup, then the installer itself signed.
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
$defines = @("/DAppVersion=$version")
if ($SiteToml) { $defines += "/DSiteToml=$SiteToml" }
& $iscc @defines installer\windows\assistant.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup a échoué" }
Sign-File "dist\assistant-achat-numerique-$version-setup.exe"
Write-Host "Installateur : dist\assistant-achat-numerique-$version-setup.exe"
