# terraform plan -var-file=environments/staging.tfvars   (after init with staging.backend.hcl)
# Replace the placeholders (account id, certificate, repository) before the first apply.

environment    = "staging"
aws_region     = "us-east-1"
aws_account_id = "111111111111"

domain_name     = "staging.invortoai.com"
certificate_arn = "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000"
route53_zone_id = ""

vpc_cidr           = "10.40.0.0/16"
availability_zones = ["us-east-1a", "us-east-1b"]
single_nat_gateway = true

alb_idle_timeout        = 3600
alb_deletion_protection = false
enable_waf              = false

database_cidr_blocks = ["10.40.0.0/16"]

redis_node_type               = "cache.t4g.small"
redis_num_cache_clusters      = 1
redis_snapshot_retention_days = 1

log_retention_days = 14

service_sizing = {
  api = {
    cpu                       = 512
    memory                    = 1024
    desired_count             = 1
    min_count                 = 1
    max_count                 = 4
    cpu_target_percent        = 60
    scale_in_cooldown_seconds = 300
    stop_timeout_seconds      = 30
  }
  realtime = {
    cpu                       = 1024
    memory                    = 2048
    desired_count             = 1
    min_count                 = 1
    max_count                 = 6
    cpu_target_percent        = 50
    scale_in_cooldown_seconds = 900
    stop_timeout_seconds      = 120
  }
  webhooks = {
    cpu                       = 256
    memory                    = 512
    desired_count             = 1
    min_count                 = 1
    max_count                 = 3
    cpu_target_percent        = 60
    scale_in_cooldown_seconds = 300
    stop_timeout_seconds      = 30
  }
  telephony = {
    cpu                       = 512
    memory                    = 1024
    desired_count             = 1
    min_count                 = 1
    max_count                 = 4
    cpu_target_percent        = 60
    scale_in_cooldown_seconds = 300
    stop_timeout_seconds      = 30
  }
}

telephony_global_max_concurrency       = 10000
telephony_per_campaign_max_concurrency = 100
telephony_semaphore_ttl_sec            = 600
max_concurrent_calls                   = 200

enable_jambonz = true
enable_twilio  = false

github_repository   = "invortoai/invorto"
github_branches     = ["develop"]
github_environments = ["staging"]
