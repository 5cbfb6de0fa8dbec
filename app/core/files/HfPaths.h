#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace hftm {

// The paths huggingface_hub uses for its token files, resolved from the environment as it does.
struct HfPaths {
    QString hfHome;           // HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface
    QString tokenPath;        // HF_TOKEN_PATH, else $HF_HOME/token
    QString storedTokensPath; // always dirname(tokenPath)/stored_tokens
    QString lockPath;         // storedTokensPath + ".lock" (flock, as huggingface_hub's filelock)

    // Expands ~ and $VAR / ${VAR} inside HF_HOME and HF_TOKEN_PATH like huggingface_hub >= 0.30.
    static HfPaths fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
};

// The token an environment variable puts in force, overriding the token file.
struct EnvToken {
    QString variable; // "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN" or empty when none is set
    QString secret;   // cleaned like the token file; empty when none

    bool isSet() const { return !variable.isEmpty(); }
    static EnvToken
    fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
};

// huggingface_hub's endpoint: HF_ENDPOINT without trailing '/', default https://huggingface.co.
QString endpointFromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

} // namespace hftm
