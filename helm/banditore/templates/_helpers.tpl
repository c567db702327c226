{{/* The chart's name. */}}
{{- define "banditore.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name, the prefix of every object's name (63 characters at most). */}}
{{- define "banditore.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "banditore.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* A role's component name: dispatchTelegram -> dispatch-telegram. */}}
{{- define "banditore.component" -}}
{{- kebabcase . }}
{{- end }}

{{/*
The labels every object carries. Called with a dict: root (the chart's context) and component.
*/}}
{{- define "banditore.labels" -}}
helm.sh/chart: {{ include "banditore.chart" .root }}
{{ include "banditore.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: banditore
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* The labels that select a component's pods. */}}
{{- define "banditore.selectorLabels" -}}
app.kubernetes.io/name: {{ include "banditore.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The name of a role's objects: <release>-<component>. */}}
{{- define "banditore.roleName" -}}
{{- printf "%s-%s" (include "banditore.fullname" .root) (include "banditore.component" .role) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "banditore.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "banditore.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "banditore.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The Kafka consumers (SmallRye channels) a role may run. */}}
{{- define "banditore.consumers" -}}
intake-commands-in alerts-in dispatch-telegram-in dispatch-x-in dispatch-shortvideo-in
{{- end }}

{{/* The Secrets holding provider credentials. */}}
{{- define "banditore.credentialSecrets" -}}
{{- if .Values.credentials.secrets }}
{{- toJson .Values.credentials.secrets }}
{{- else }}
{{- list (printf "%s-credentials" (include "banditore.fullname" .)) | toJson }}
{{- end }}
{{- end }}

{{/* Kafka's security.protocol for the chosen TLS and authentication. */}}
{{- define "banditore.kafkaSecurityProtocol" -}}
{{- $auth := .Values.kafka.authentication.type }}
{{- if eq $auth "scram-sha-512" }}
{{- ternary "SASL_SSL" "SASL_PLAINTEXT" .Values.kafka.tls.enabled }}
{{- else }}
{{- ternary "SSL" "PLAINTEXT" .Values.kafka.tls.enabled }}
{{- end }}
{{- end }}

{{- define "banditore.directoryConfigMap" -}}
{{- default (printf "%s-directory" (include "banditore.fullname" .)) .Values.directory.existingConfigMap }}
{{- end }}
