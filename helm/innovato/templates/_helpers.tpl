{{- define "innovato.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "innovato.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of one component: include "innovato.selectorLabels" (list $ "web") */}}
{{- define "innovato.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "innovato.secretName" -}}
{{- default (include "innovato.fullname" .) .Values.existingSecret -}}
{{- end -}}

{{- define "innovato.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Settings every container gets: the ConfigMap, the Secret, and extra env entries. */}}
{{- define "innovato.envFrom" -}}
- configMapRef:
    name: {{ include "innovato.fullname" . }}
- secretRef:
    name: {{ include "innovato.secretName" . }}
{{- end -}}

{{/* The ConfigMap's data (also rendered into the migration hook's own copy). */}}
{{- define "innovato.configData" -}}
BASE_DOMAIN: {{ .Values.baseDomain | quote }}
PYTHONPATH: {{ printf "%s:%s/platform" .Values.image.workdir .Values.image.workdir | quote }}
DJANGO_SETTINGS_MODULE: "innovato.settings"
TENANT_MIGRATION_PARALLEL: {{ .Values.migrations.parallel | quote }}
{{- range $key, $value := .Values.env }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* The Secret's data; a missing SECRET_KEY is generated once and kept across upgrades. */}}
{{- define "innovato.secretData" -}}
{{- $name := include "innovato.fullname" . -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace $name -}}
{{- $secretKey := .Values.secrets.SECRET_KEY -}}
{{- if and (not $secretKey) $existing $existing.data -}}
{{- $secretKey = index $existing.data "SECRET_KEY" | default "" | b64dec -}}
{{- end -}}
{{- if not $secretKey -}}
{{- $secretKey = randAlphaNum 64 -}}
{{- end -}}
SECRET_KEY: {{ $secretKey | quote }}
{{- range $key, $value := .Values.secrets }}
{{- if and (ne $key "SECRET_KEY") $value }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "innovato.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext }}
{{- end -}}

{{- define "innovato.containerSecurityContext" -}}
{{- toYaml .Values.securityContext }}
{{- end -}}

{{/* Volumes shared by the pods: a writable /tmp and, optionally, the media claim. */}}
{{- define "innovato.volumes" -}}
- name: tmp
  emptyDir: {}
{{- if .Values.media.existingClaim }}
- name: media
  persistentVolumeClaim:
    claimName: {{ .Values.media.existingClaim }}
{{- end }}
{{- end -}}

{{- define "innovato.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.media.existingClaim }}
- name: media
  mountPath: {{ printf "%s/var/media" .Values.image.workdir }}
{{- end }}
{{- end -}}
