variable "repository_names" {
  description = "ECR repository names, one per service image (invorto-api, invorto-realtime, invorto-webhooks, invorto-telephony)."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "KMS key encrypting the images at rest."
  type        = string
}

variable "keep_image_count" {
  description = "How many images (any tag) each repository keeps; older ones expire. Task definition revisions older than this can no longer be rolled back to."
  type        = number
  default     = 50
}

variable "untagged_expiry_days" {
  description = "Days after which untagged images (replaced `latest` layers, failed pushes) expire."
  type        = number
  default     = 7
}
